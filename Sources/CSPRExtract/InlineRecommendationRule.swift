import CSPRModel
import Foundation

/// Recommendations stated in running text outside a recommendations section: "It is
/// recommended that…", "This review recommends that…", "We recommend that…".
struct InlineRecommendationRule {
  static let cues = [
    "it is recommended that", "review recommends that", "reviewer recommends that",
    "we recommend that", "panel recommends that", "partnership recommends that",
    "it is recommended", "the recommendation is that",
  ]

  func extract(_ outline: ReviewOutline) -> [Item] {
    var items: [Item] = []
    for entry in outline.sections where entry.role.allowsInlineRecommendations {
      for block in entry.section.blocks where block.kind == .paragraph || block.kind == .listItem {
        let lower = block.text.lowercased()
        guard Self.cues.contains(where: lower.has) else { continue }
        for sentence in TextTools.sentences(block.text) {
          let lowerSentence = sentence.lowercased()
          guard Self.cues.contains(where: lowerSentence.has) else { continue }
          items.append(
            Item(
              kind: .recommendation, text: sentence, section: entry.citation,
              position: block.position))
        }
      }
    }
    return items
  }
}
