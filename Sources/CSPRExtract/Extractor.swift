import CSPRModel
import Foundation

/// Turns a ``ReviewDocument`` into an ``ExtractedReview``: recommendations, findings, good
/// practice, metadata and the quality check on every recommendation.
public struct Extractor: Sendable {
  /// Creates an extractor.
  public init() {}

  /// Extracts everything from one document; pass its `outline` when another stage has built
  /// it already.
  public func extract(_ document: ReviewDocument, outline: ReviewOutline? = nil)
    -> ExtractedReview
  {
    let outline = outline ?? ReviewOutline(document)
    var recommendations = merge(
      RecommendationListRule().extract(outline) + RecommendationTableRule().extract(outline)
        + InlineRecommendationRule().extract(outline))
    let findings = FindingRule().extract(outline).sorted { $0.position < $1.position }.map {
      finding -> Item in
      var finding = finding
      finding.explainsWhy = ExplanationCheck.explainsWhy(finding.text)
      return finding
    }
    let goodPractice = GoodPracticeRule().extract(outline)
    let assessor = QualityAssessor()
    for index in recommendations.indices {
      if recommendations[index].owner == nil {
        recommendations[index].owner = QualityAssessor.ownerPhrase(recommendations[index].text)
      }
      recommendations[index].quality = assessor.assess(recommendations[index], findings: findings)
    }
    return ExtractedReview(
      id: document.id, source: document.source, format: document.format,
      metadata: MetadataExtractor().extract(document, outline: outline),
      recommendations: recommendations, findings: findings, goodPractice: goodPractice,
      flags: assessor.reviewFlags(recommendations), byteCount: document.byteCount)
  }

  /// Sorts recommendations into document order and drops an inline one that repeats an item
  /// already taken from the same block.
  private func merge(_ items: [Item]) -> [Item] {
    var seen: Set<String> = []
    var out: [Item] = []
    for item in items.sorted(by: { $0.position < $1.position }) {
      let key = "\(item.position)|\(item.text.prefix(60))"
      if seen.insert(key).inserted { out.append(item) }
    }
    return out
  }
}
