import CSPRModel
import Foundation

/// Good practice: each paragraph or top-level list item under a heading such as "Good
/// practice" or "What went well", sub-points kept with their parent.
struct GoodPracticeRule {
  func extract(_ outline: ReviewOutline) -> [Item] {
    var items: [Item] = []
    for entry in outline.sections where entry.role == .goodPractice {
      var current: ItemDraft?
      func close() {
        if let item = current?.item { items.append(item) }
        current = nil
      }
      for block in entry.section.blocks {
        switch block.kind {
        case .tableRow, .quote:
          close()
        case .listItem where block.depth > 0 && current != nil:
          current?.append(block.text)
        case .paragraph, .listItem:
          if TextTools.isIntroduction(block.text) {
            close()
            continue
          }
          close()
          var text = block.text
          if let label = Label.parse(text), label.kind == .goodPractice {
            text = String(label.rest)
          }
          current = ItemDraft(
            kind: .goodPractice, number: block.number, text: text, section: entry.citation,
            position: block.position)
        }
      }
      close()
    }
    return items
  }
}
