import CSPRModel
import Foundation

/// An item being gathered from one or more blocks.
struct ItemDraft {
  var kind: ItemKind
  var number: String?
  var title: String?
  var parts: [String]
  var section: String
  var position: Int
  /// Whether the item began with a label or a run-in heading, so that unlabelled paragraphs
  /// after it are its continuation rather than items of their own.
  var labelled: Bool

  init(
    kind: ItemKind, number: String?, title: String? = nil, text: String, section: String,
    position: Int, labelled: Bool = false
  ) {
    self.kind = kind
    self.number = number
    self.title = title
    self.parts = text.isEmpty ? [] : [text]
    self.section = section
    self.position = position
    self.labelled = labelled
  }

  mutating func append(_ text: String) {
    if !text.isEmpty { parts.append(text) }
  }

  var text: String { parts.joined(separator: " ") }

  /// The finished item, or nil when it gathered no text.
  var item: Item? {
    let text = Self.clean(self.text)
    guard !text.isEmpty else { return nil }
    return Item(
      kind: kind, number: number, title: title.map(Self.clean), text: text, section: section,
      position: position)
  }

  /// Collapses white space and trims separators left behind by a removed label.
  static func clean(_ text: String) -> String {
    var out = text.replacingLineBreaks()
    while let first = out.first, " :–—-.".contains(first) { out.removeFirst() }
    while let last = out.last, last == " " { out.removeLast() }
    return out
  }

  /// Whether the block at `index` is a list item followed by deeper list items (its
  /// sub-points), so that it opens an item even when it ends with a colon.
  static func hasSubPoints(_ blocks: [Block], at index: Int) -> Bool {
    guard blocks[index].kind == .listItem || blocks[index].text.hasSuffix(":"),
      index + 1 < blocks.count
    else { return false }
    let next = blocks[index + 1]
    return next.kind == .listItem && next.depth > blocks[index].depth
  }

  /// Splits a block with a run-in heading into (title, body): "Finding 1: Title." + body.
  static func splitLead(_ block: Block) -> (title: String, body: String)? {
    guard let lead = block.lead, block.text.hasPrefix(lead) else { return nil }
    var title = Substring(lead)
    if let label = Label.parse(lead) { title = label.rest }
    var trimmed = title.trimmingSpaces()
    while let last = trimmed.last, ".:–—-".contains(last) {
      trimmed.removeLast()
      trimmed = trimmed.trimmingSpaces()
    }
    let body = clean(String(block.text.dropFirst(lead.count)))
    return (trimmed, body)
  }
}

extension String {
  fileprivate func replacingLineBreaks() -> String {
    var out = ""
    var lastSpace = false
    for character in self {
      if character.isWhitespace {
        if !lastSpace { out.append(" ") }
        lastSpace = true
      } else {
        out.append(character)
        lastSpace = false
      }
    }
    return out.trimmingSpaces()
  }
}
