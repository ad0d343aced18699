import CSPRModel
import Foundation

/// Findings and learning: a labelled subsection (`Finding 1: Title` with its body), a
/// subsection under a findings heading, labelled or run-in-titled paragraphs and list items,
/// numbered paragraphs, and plain paragraphs under a heading such as "Key learning".
struct FindingRule {
  func extract(_ outline: ReviewOutline) -> [Item] {
    var items: [Item] = []
    for entry in outline.sections where entry.role == .findings || entry.role == .analysis {
      if isFindingSubsection(entry) {
        if let item = subsectionFinding(entry) { items.append(item) }
      } else {
        items += blockFindings(entry)
      }
    }
    return items
  }

  /// A subsection that is one finding: its heading is a finding label, or it sits directly
  /// under a findings heading without announcing a role of its own.
  private func isFindingSubsection(_ entry: OutlineSection) -> Bool {
    if let label = entry.headingLabel { return label.kind == .finding }
    return entry.ownRole == nil && entry.parentRole == .findings && entry.section.level > 0
      && !entry.section.blocks.isEmpty
  }

  private func subsectionFinding(_ entry: OutlineSection) -> Item? {
    let heading = entry.section.heading
    var title = Substring(heading)
    var number = entry.section.number
    if let label = entry.headingLabel {
      title = label.rest
      number = label.number ?? number
    } else if let sectionNumber = entry.section.number {
      title = title.dropFirst(sectionNumber.count).drop { " .".contains($0) }
    }
    var draft = ItemDraft(
      kind: .finding, number: number, title: title.trimmingSpaces(), text: "",
      section: entry.citation, position: entry.section.position, labelled: true)
    var sawUnnumbered = false
    for block in entry.section.blocks where block.kind != .tableRow {
      // A numbered paragraph after the finding's unnumbered body returns to the main text.
      if block.kind == .paragraph, block.number != nil, sawUnnumbered { break }
      if block.number == nil { sawUnnumbered = true }
      draft.append(block.text)
    }
    if draft.title?.isEmpty == true { draft.title = nil }
    return draft.item
  }

  private func blockFindings(_ entry: OutlineSection) -> [Item] {
    let analysisOnly = entry.role == .analysis
    var items: [Item] = []
    var current: ItemDraft?
    func close() {
      if let item = current?.item { items.append(item) }
      current = nil
    }
    let blocks = entry.section.blocks
    for (index, block) in blocks.enumerated() {
      guard block.kind == .paragraph || block.kind == .listItem else {
        close()
        continue
      }
      let text = block.text
      let label = Label.parse(text).flatMap { $0.kind == .finding ? $0 : nil }
      if let (title, body) = ItemDraft.splitLead(block), label != nil || !analysisOnly {
        close()
        current = ItemDraft(
          kind: .finding, number: label?.number ?? block.number, title: title, text: body,
          section: entry.citation, position: block.position, labelled: true)
      } else if let label {
        close()
        current = ItemDraft(
          kind: .finding, number: label.number, text: String(label.rest),
          section: entry.citation, position: block.position, labelled: true)
      } else if block.kind == .listItem && block.depth > 0 && current != nil {
        current?.append(text)
      } else if analysisOnly {
        // Analysis prose belongs to the labelled finding it follows, and is no item alone.
        if current != nil, block.number == nil { current?.append(text) } else { close() }
      } else if TextTools.isIntroduction(text) && !ItemDraft.hasSubPoints(blocks, at: index) {
        close()
      } else if let open = current, open.labelled, block.number == nil, block.kind == .paragraph,
        open.number == nil || open.title != nil
      {
        current?.append(text)
      } else {
        close()
        current = ItemDraft(
          kind: .finding, number: block.number, text: text, section: entry.citation,
          position: block.position)
      }
    }
    close()
    return items
  }
}
