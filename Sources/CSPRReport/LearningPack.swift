import CSPRClassify
import CSPRModel
import Foundation

/// A "Working Together Better" learning pack on one theme: why it matters, how often it
/// appears, key learning with near-duplicates merged, recurring recommendations, good
/// practice, reflective questions and sources.
public enum LearningPack {
  /// How a partnership brands its pack.
  public struct Branding: Sendable {
    /// The pack's title (default: "Working Together Better: <theme>").
    public var title: String?
    /// The partnership's name.
    public var partnership: String?
    /// The logo as a `data:` URI.
    public var logo: String?

    /// Creates branding.
    public init(title: String? = nil, partnership: String? = nil, logo: String? = nil) {
      self.title = title
      self.partnership = partnership
      self.logo = logo
    }
  }

  /// A logo that cannot be used.
  public struct LogoError: LocalizedError {
    /// Why.
    public var message: String
    public var errorDescription: String? { message }
  }

  /// Reads a PNG, JPEG or GIF logo (at most 2 MB) and returns it as a `data:` URI, so the page
  /// stays self-contained.
  ///
  /// SVG is refused: it can carry script.
  public static func logo(path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LogoError(message: "cannot read the logo '\(path)'")
    }
    guard data.count <= 2_000_000 else {
      throw LogoError(message: "the logo '\(path)' is over 2 MB")
    }
    let bytes = [UInt8](data.prefix(8))
    let type: String
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
      type = "image/png"
    } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
      type = "image/jpeg"
    } else if bytes.starts(with: Array("GIF8".utf8)) {
      type = "image/gif"
    } else {
      throw LogoError(message: "the logo '\(path)' is not a PNG, JPEG or GIF image")
    }
    return "data:\(type);base64,\(data.base64EncodedString())"
  }

  /// The values the pack templates render.
  public static func context(
    theme: Taxonomy.Theme, summary: ThemeSummary, analysis: CorpusAnalysis, items: [SpilledItem],
    branding: Branding
  ) -> [String: Any] {
    func score(_ item: SpilledItem) -> Double {
      item.item.themes.first { $0.theme == theme.id }?.score ?? 0
    }
    let findings = items.filter { $0.item.kind == .finding }
      .sorted { (score($0), $1.citation.text) > (score($1), $0.citation.text) }
    let recommendations = items.filter { $0.item.kind == .recommendation }
    let good = items.filter { $0.item.kind == .goodPractice }

    // Key learning: near-duplicate findings merged, each with every citation.
    let findingSets = findings.map {
      TextClusterer.signatureSet(($0.item.title ?? "") + " " + $0.item.text)
    }
    let merged = TextClusterer(threshold: 0.5).clusters(findingSets)
    var absorbed: Set<Int> = []
    var learning: [[String: Any]] = []
    for (index, finding) in findings.enumerated() where !absorbed.contains(index) {
      let group = merged.first { $0.contains(index) } ?? [index]
      absorbed.formUnion(group)
      var entry = Pages.item(finding)
      entry["citations"] = group.map { ["text": findings[$0].citation.text] }
      learning.append(entry)
      if learning.count == 12 { break }
    }

    // Recurring recommendations across reviews, then the strongest of the rest.
    let recommendationSets = recommendations.map { TextClusterer.signatureSet($0.item.text) }
    var reviewNumbers: [String: Int] = [:]
    let reviewIndex = recommendations.map { item in
      if let number = reviewNumbers[item.reviewID] { return number }
      reviewNumbers[item.reviewID] = reviewNumbers.count
      return reviewNumbers.count - 1
    }
    let clusters = TextClusterer(threshold: 0.3).clusters(recommendationSets, group: reviewIndex)
    let clustered = Set(clusters.flatMap { $0 })
    let recurring = clusters.map { members -> [String: Any] in
      let representative = TextClusterer.representative(members, sets: recommendationSets)
      return [
        "representative": recommendations[representative].item.text, "count": members.count,
        "reviewCount": Set(members.map { recommendations[$0].reviewID }).count,
        "sources": members.map { ["text": recommendations[$0].citation.text] },
      ]
    }.sorted { ($0["reviewCount"] as? Int ?? 0) > ($1["reviewCount"] as? Int ?? 0) }
    let others = recommendations.indices.filter { !clustered.contains($0) }
      .sorted { (score(recommendations[$0]), -$0) > (score(recommendations[$1]), -$1) }
      .prefix(10).map { Pages.item(recommendations[$0]) }

    var seen: Set<String> = []
    let sources = items.filter { seen.insert($0.reviewID).inserted }
      .sorted { ($0.year ?? 0, $0.title) > ($1.year ?? 0, $1.title) }
      .map { item -> [String: Any] in
        [
          "title": item.title, "partnership": item.partnership ?? "",
          "year": item.year.map(String.init) ?? "", "type": Pages.reviewTypeLabel(item.reviewType),
        ]
      }
    let years = analysis.byYear.map(\.label).filter { $0 != "unknown" }
    var context: [String: Any] = [
      "title": branding.title ?? "Working Together Better: \(theme.label)",
      "definition": theme.definition, "themeLabel": theme.label,
      "reviews": summary.reviews, "reviewCount": analysis.reviewCount,
      "share": Pages.percent(summary.reviews, of: analysis.reviewCount),
      "findingCount": summary.findings, "recommendationCount": summary.recommendations,
      "nouns": Pages.nouns(
        reviews: analysis.reviewCount, recommendations: summary.recommendations,
        findings: summary.findings, goodPractice: summary.goodPractice),
      "byYear": Pages.counts(summary.byYear),
      "trendChart": Charts.bars(
        title: "Reviews touching \(theme.label), by year",
        description: "Number of reviews each year with an item tagged \(theme.label).",
        bars: years.map { year in
          Charts.Bar(label: year, value: summary.byYear.first { $0.label == year }?.count ?? 0)
        }, id: "pack-trend"),
      "learning": learning, "recurring": recurring, "others": Array(others),
      "hasOthers": !others.isEmpty, "clusterMethod": Pages.clusterMethod,
      "goodPractice": good.map(Pages.item),
      "practitionerQuestions": theme.questions.practitioners,
      "managerQuestions": theme.questions.managers, "sources": sources,
    ]
    if let partnership = branding.partnership { context["partnership"] = partnership }
    if let logo = branding.logo { context["logo"] = logo }
    return context
  }
}
