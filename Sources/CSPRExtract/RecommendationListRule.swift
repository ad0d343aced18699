import CSPRModel
import Foundation

/// Recommendations under a heading that announces them.
///
/// Read from numbered or bulleted lists, labelled paragraphs (`Recommendation 1:`, `R1`),
/// numbered paragraphs, or a labelled subsection. Sub-points stay with their parent.
struct RecommendationListRule {
  func extract(_ outline: ReviewOutline) -> [Item] {
    var items: [Item] = []
    for entry in outline.sections where entry.role == .recommendations {
      if let label = entry.headingLabel, label.kind == .recommendation {
        var draft = ItemDraft(
          kind: .recommendation, number: label.number, text: String(label.rest),
          section: entry.citation, position: entry.section.position, labelled: true)
        for block in entry.section.blocks where block.kind != .tableRow && block.kind != .quote {
          draft.append(block.text)
        }
        if let item = draft.item { items.append(item) }
        continue
      }
      items += extractBlocks(entry)
    }
    return items
  }

  private func extractBlocks(_ entry: OutlineSection) -> [Item] {
    var items: [Item] = []
    var current: ItemDraft?
    func close() {
      if let item = current?.item { items.append(item) }
      current = nil
    }
    func start(_ block: Block, number: String?, text: String, labelled: Bool) {
      close()
      current = ItemDraft(
        kind: .recommendation, number: number, text: text, section: entry.citation,
        position: block.position, labelled: labelled)
    }
    let blocks = entry.section.blocks
    for (index, block) in blocks.enumerated() {
      let hasSubPoints = ItemDraft.hasSubPoints(blocks, at: index)
      switch block.kind {
      case .tableRow, .quote:
        close()
      case .listItem:
        if let label = Label.parse(block.text), label.kind == .recommendation {
          start(
            block, number: label.number ?? block.number, text: String(label.rest), labelled: true)
        } else if block.depth > 0, current != nil {
          current?.append(block.text)
        } else if current == nil && TextTools.isIntroduction(block.text) && !hasSubPoints {
          continue
        } else {
          start(block, number: block.number, text: block.text, labelled: block.number != nil)
        }
      case .paragraph:
        let text = block.text
        if let label = Label.parse(text), label.kind == .recommendation {
          start(block, number: label.number, text: String(label.rest), labelled: true)
        } else if let number = block.number, TextTools.isAction(text) {
          start(block, number: number, text: text, labelled: true)
        } else if let open = current, text.first?.isLowercase == true || open.text.hasSuffix(":") {
          current?.append(text)
        } else if TextTools.isIntroduction(text) {
          close()
        } else if TextTools.isAction(text) {
          start(block, number: nil, text: text, labelled: false)
        } else if current?.labelled == true, block.number == nil, !looksLikeNewTopic(text) {
          current?.append(text)
        } else {
          close()
        }
      }
    }
    close()
    return items
  }

  private func looksLikeNewTopic(_ text: String) -> Bool {
    text.split(separator: " ").count < 4
  }
}
