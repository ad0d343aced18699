import CSPRModel
import Foundation

/// Recommendations laid out as a table: one row per recommendation, with the columns reviews
/// use (Recommendation / Action, Lead agency / Owner, Timescale / By when, Evidence / Measure)
/// kept as fields.
struct RecommendationTableRule {
  /// Which column holds which field.
  struct Columns {
    var text: Int
    var number: Int?
    var owner: Int?
    var timescale: Int?
    var measure: Int?
  }

  func extract(_ outline: ReviewOutline) -> [Item] {
    var items: [Item] = []
    for entry in outline.sections {
      var columns: Columns?
      var headerSeen = false
      for block in entry.section.blocks {
        guard block.kind == .tableRow, let cells = block.cells else {
          columns = nil
          headerSeen = false
          continue
        }
        if block.isHeader == true || (!headerSeen && Self.columns(forHeader: cells) != nil) {
          columns = Self.columns(forHeader: cells)
          headerSeen = true
          continue
        }
        if columns == nil, !headerSeen, entry.role == .recommendations {
          columns = Self.guessColumns(cells)
          headerSeen = true
        }
        guard let columns, columns.text < cells.count else { continue }
        var text = cells[columns.text]
        var number = columns.number.flatMap { $0 < cells.count ? cells[$0] : nil }
        if let label = Label.parse(text), label.kind == .recommendation {
          number = number ?? label.number
          text = String(label.rest)
        }
        guard !text.isEmpty else { continue }
        var item = Item(
          kind: .recommendation, number: number.flatMap(Self.cleanNumber),
          text: ItemDraft.clean(text),
          section: entry.citation, position: block.position)
        item.owner = field(columns.owner, cells)
        item.timescale = field(columns.timescale, cells)
        item.measure = field(columns.measure, cells)
        items.append(item)
      }
    }
    return items
  }

  private func field(_ index: Int?, _ cells: [String]) -> String? {
    guard let index, index < cells.count else { return nil }
    let value = cells[index].trimmingSpaces()
    return value.isEmpty ? nil : value
  }

  static func cleanNumber(_ raw: String) -> String? {
    let trimmed = raw.trimmingSpaces().trimmingPunctuation()
    let value = trimmed.hasPrefix("R") ? String(trimmed.dropFirst()) : trimmed
    return value.isEmpty || value.count > 6 ? nil : value
  }

  /// Maps header cells to fields; nil when no column holds recommendations or actions.
  static func columns(forHeader cells: [String]) -> Columns? {
    var text: Int?
    var number: Int?
    var owner: Int?
    var timescale: Int?
    var measure: Int?
    for (index, raw) in cells.enumerated() {
      let cell = raw.lowercased().trimmingSpaces()
      if ["no", "no.", "#", "number", "ref", "ref.", "rec", "rec."].contains(cell) {
        number = number ?? index
      } else if ["evidence", "measure", "impact", "outcome", "success", "how will we know"]
        .contains(where: cell.has)
      {
        measure = measure ?? index
      } else if ["timescale", "by when", "when", "date", "deadline", "target", "timeframe"]
        .contains(where: cell.has)
      {
        timescale = timescale ?? index
      } else if ["lead", "owner", "responsib", "agency", "who"].contains(where: cell.has) {
        owner = owner ?? index
      } else if ["recommendation", "action", "what needs to", "what will"].contains(
        where: cell.has)
      {
        text = text ?? index
      }
    }
    guard let text else { return nil }
    return Columns(
      text: text, number: number, owner: owner, timescale: timescale, measure: measure)
  }

  /// For a header-less table under a recommendations heading: the longest cell is the text.
  static func guessColumns(_ cells: [String]) -> Columns? {
    guard let longest = cells.indices.max(by: { cells[$0].count < cells[$1].count }) else {
      return nil
    }
    let number = cells.first.flatMap { $0.count <= 4 ? 0 : nil }
    return Columns(text: longest, number: number == longest ? nil : number)
  }
}

extension String {
  func trimmingPunctuation() -> String {
    var slice = Substring(self)
    while let last = slice.last, ".:)".contains(last) { slice.removeLast() }
    while let first = slice.first, "(".contains(first) { slice.removeFirst() }
    return String(slice)
  }
}
