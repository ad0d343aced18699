import CSPRModel
import Foundation

/// Recovers the structure of a review from plain text, Markdown, or text exported from a PDF.
///
/// Works in three passes: remove page furniture (form feeds, running headers and footers, page
/// numbers, contents lines), group lines into blocks (joining wrapped lines and words hyphenated
/// across line ends), and classify each block as a heading, list item, numbered paragraph,
/// table row, quote or paragraph.
public struct TextStructurer: Sendable {
  /// Whether Markdown syntax (`#` headings, `|` tables, `>` quotes, emphasis) is recognised.
  public var markdown: Bool

  /// Creates a structurer.
  public init(markdown: Bool) {
    self.markdown = markdown
  }

  /// A line of the source with its 1-based line number.
  struct Line {
    let text: Substring
    let number: Int
    /// The text without surrounding white space, trimmed once: every pass asks for it.
    let trimmed: Substring

    init(text: Substring, number: Int) {
      self.text = text
      self.number = number
      self.trimmed = text.trimmingWhiteSpace()
    }
  }

  /// Structures `text` into a section tree and a title.
  public func structure(_ text: String) -> (root: Section, title: String?) {
    let lines = removeFurniture(text)
    var builder = DocumentBuilder()
    emitBlocks(lines, into: &builder)
    let root = builder.finish()
    return (root, builder.title)
  }

  // MARK: - Page furniture

  /// Splits pages at form feeds, drops running headers, footers and page numbers, and joins a
  /// paragraph that a page break cut in two.
  func removeFurniture(_ text: String) -> [Line] {
    var pages: [[Line]] = [[]]
    var number = 1
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = raw
      if line.last == "\r" { line = line.dropLast() }
      var first = true
      for piece in line.split(separator: "\u{0C}", omittingEmptySubsequences: false) {
        if !first { pages.append([]) }
        first = false
        pages[pages.count - 1].append(Line(text: piece, number: number))
      }
      number += 1
    }
    let repeated = repeatedEdgeLines(pages)
    var out: [Line] = []
    for (index, page) in pages.enumerated() {
      var kept = page.filter { line in
        let trimmed = line.trimmed
        if trimmed.isEmpty { return true }
        if TextStructurer.isPageNumber(trimmed) || TextStructurer.isContentsLine(trimmed) {
          return false
        }
        return !repeated.contains(TextStructurer.furnitureKey(trimmed))
      }
      if index > 0 {
        // A sentence cut by the page break continues without a blank line between its halves.
        while kept.first?.trimmed.isEmpty == true { kept.removeFirst() }
        let previous = out.last { !$0.trimmed.isEmpty }?.trimmed ?? ""
        let next = kept.first?.trimmed ?? ""
        if TextStructurer.continues(previous: previous, next: next) {
          while out.last?.trimmed.isEmpty == true { out.removeLast() }
        } else if !out.isEmpty {
          out.append(Line(text: "", number: kept.first?.number ?? 0))
        }
      }
      out.append(contentsOf: kept)
    }
    return out
  }

  /// Lines that stand at the top or bottom of many pages: running headers and footers.
  func repeatedEdgeLines(_ pages: [[Line]]) -> Set<String> {
    guard pages.count >= 2 else { return [] }
    var counts: [String: Int] = [:]
    for page in pages {
      let nonEmpty = page.filter { !$0.trimmed.isEmpty }
      let edges = nonEmpty.prefix(3) + nonEmpty.suffix(3)
      let keys = Set(edges.map { TextStructurer.furnitureKey($0.trimmed) })
      for key in keys { counts[key, default: 0] += 1 }
    }
    let needed = max(2, (pages.count + 1) / 2)
    return Set(counts.filter { $0.value >= needed && $0.key.count > 2 }.keys)
  }

  /// A line with digits folded and white space collapsed, so "Page 3" and "Page 4" compare equal.
  static func furnitureKey(_ line: Substring) -> String {
    var key = ""
    var lastWasSpace = false
    for character in line.lowercased() {
      if character.isWhitespace {
        if !lastWasSpace { key.append(" ") }
        lastWasSpace = true
      } else {
        key.append(character.isNumber ? "#" : character)
        lastWasSpace = false
      }
    }
    // Collapse runs of '#' so page 9 and page 10 fold together.
    while key.contains("##") { key = key.replacingOccurrences(of: "##", with: "#") }
    return key
  }

  /// `3`, `- 3 -`, `Page 3`, `Page 3 of 12`, `3 | Page`, `3/12`.
  static func isPageNumber(_ line: Substring) -> Bool {
    guard line.utf8.count <= 24, line.contains(where: \.isNumber) else { return false }
    let key = furnitureKey(line).trimmingCharacters(in: CharacterSet(charactersIn: " -–|"))
    return ["#", "page #", "page # of #", "# of #", "#/#", "# | page", "page | #", "p. #", "p.#"]
      .contains(key)
  }

  /// A table-of-contents line: dot leaders followed by a page number.
  static func isContentsLine(_ line: Substring) -> Bool {
    guard let last = line.last, last.isNumber else { return false }
    return line.contains("....") || line.contains(". . . .") || line.contains("……")
  }

  /// `Contents`, `Table of contents`, `CONTENTS`.
  static func isContentsHeading(_ line: Substring) -> Bool {
    let key = line.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "#*: "))
    return key == "contents" || key == "table of contents"
  }

  /// Whether the text after a page break carries on the sentence before it.
  static func continues(previous: Substring, next: Substring) -> Bool {
    guard let end = previous.last, let start = next.first else { return false }
    if end == "-" { return true }
    if ".!?:;".contains(end) { return false }
    return start.isLowercase
  }

  // MARK: - Blocks

  enum Marker {
    case heading(level: Int)
    case listItem(number: String?, depth: Int, indent: Int)
    case numberedParagraph(number: String)
    case tableRow(cells: [String], header: Bool)
    case quote
    case paragraph
  }

  func emitBlocks(_ lines: [Line], into builder: inout DocumentBuilder) {
    let width = wrapWidth(lines)
    var current: [Substring] = []
    var currentMarker: Marker = .paragraph
    var currentLine = 0
    var currentLead: String?
    var listIndents: [Int] = []
    var lastListNumberWasNumeric = false
    var inFence = false
    var pendingTable: [(cells: [String], line: Int)] = []
    // After a "Contents" heading, short entries are a table of contents, not headings; the
    // mode ends when the first entry comes round again as a real heading, or at running text.
    var contentsMode = false
    var firstContentsEntry: String?

    func flushTable() {
      guard !pendingTable.isEmpty else { return }
      if pendingTable.count >= 2 {
        for (offset, row) in pendingTable.enumerated() {
          builder.block(
            .tableRow, text: row.cells.joined(separator: " | "), cells: row.cells,
            isHeader: offset == 0 && pendingTable.count > 2 ? true : false, line: row.line)
        }
      } else if let only = pendingTable.first {
        builder.block(.paragraph, text: only.cells.joined(separator: " "), line: only.line)
      }
      pendingTable = []
    }

    func flush() {
      let lead = currentLead
      defer {
        current = []
        currentMarker = .paragraph
        currentLead = nil
      }
      guard !current.isEmpty else { return }
      let text = TextStructurer.joinLines(current)
      switch currentMarker {
      case .heading(let level):
        builder.heading(text, level: level)
        listIndents = []
      case .listItem(let number, let depth, _):
        builder.block(
          .listItem, text: text, number: number, depth: depth, lead: lead, line: currentLine)
      case .numberedParagraph(let number):
        builder.block(.paragraph, text: text, number: number, lead: lead, line: currentLine)
      case .tableRow(let cells, let header):
        builder.block(
          .tableRow, text: cells.joined(separator: " | "), cells: cells, isHeader: header,
          line: currentLine)
      case .quote:
        builder.block(.quote, text: text, line: currentLine)
      case .paragraph:
        builder.block(.paragraph, text: text, lead: lead, line: currentLine)
      }
    }

    for (index, line) in lines.enumerated() {
      var trimmed = line.trimmed
      if markdown && (trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~")) {
        inFence.toggle()
        flush()
        continue
      }
      if trimmed.isEmpty {
        flush()
        flushTable()
        continue
      }
      if markdown, TextStructurer.isHorizontalRule(trimmed) {
        // A setext underline turns the single line before it into a heading.
        if let first = trimmed.first, first == "=" || first == "-", current.count == 1,
          case .paragraph = currentMarker
        {
          currentMarker = .heading(level: first == "=" ? 1 : 2)
        }
        flush()
        continue
      }
      let boldLead = markdown ? TextStructurer.boldLead(trimmed) : nil
      if markdown { trimmed = Substring(TextStructurer.stripMarkdownInline(trimmed)) }
      let indent = line.text.prefix { $0 == " " || $0 == "\t" }.count
      let previousBlank = index == 0 || lines[index - 1].trimmed.isEmpty
      let nextBlank = index + 1 >= lines.count || lines[index + 1].trimmed.isEmpty

      // Tables: Markdown pipes, or columns separated by tabs or wide gaps.
      if let cells = tableCells(line.text, trimmed: trimmed) {
        flush()
        if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { continue }  // |---|
        let isMarkdownRow = trimmed.first == "|"
        let nextIsRule =
          index + 1 < lines.count && lines[index + 1].trimmed.hasPrefix("|")
          && lines[index + 1].trimmed.contains("---")
        if isMarkdownRow {
          currentLine = line.number
          currentMarker = .tableRow(cells: cells, header: nextIsRule)
          current = [trimmed]
          flush()
        } else {
          pendingTable.append((cells, line.number))
        }
        continue
      }
      flushTable()

      let marker = classify(
        trimmed, indent: indent, previousBlank: previousBlank, nextBlank: nextBlank,
        listIndents: &listIndents, lastListNumberWasNumeric: &lastListNumberWasNumeric)
      if contentsMode {
        let key = trimmed.lowercased()
        let isEntry = trimmed.split(separator: " ").count <= 12 && trimmed.last != "."
        if isEntry && key != firstContentsEntry {
          if firstContentsEntry == nil { firstContentsEntry = key }
          continue
        }
        contentsMode = false
      }
      if case .heading = marker, TextStructurer.isContentsHeading(trimmed) {
        flush()
        contentsMode = true
        firstContentsEntry = nil
        continue
      }
      switch marker {
      case .paragraph:
        if current.isEmpty {
          currentMarker = .paragraph
          currentLine = line.number
        } else if case .heading = currentMarker {
          flush()
          currentLine = line.number
        } else if endsParagraph(current.last ?? "", width: width) {
          flush()
          currentLine = line.number
        }
        if current.isEmpty { currentLead = boldLead }
        current.append(TextStructurer.body(of: trimmed, marker: .paragraph))
      case .quote:
        if case .quote = currentMarker, !current.isEmpty {
        } else {
          flush()
          currentMarker = .quote
          currentLine = line.number
        }
        current.append(TextStructurer.body(of: trimmed, marker: .quote))
      default:
        flush()
        currentMarker = marker
        currentLine = line.number
        currentLead = boldLead
        current.append(TextStructurer.body(of: trimmed, marker: marker))
        if case .heading = marker { flush() }
      }
    }
    flush()
    flushTable()
  }

  /// The width lines are wrapped at: the 90th percentile of line lengths.
  func wrapWidth(_ lines: [Line]) -> Int {
    let lengths = lines.map { $0.trimmed.count }.filter { $0 > 0 }.sorted()
    guard !lengths.isEmpty else { return 80 }
    return lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
  }

  /// Whether a line closes its paragraph: unwrapped text has a paragraph per line; wrapped text
  /// ends one at a short line that ends a sentence.
  func endsParagraph(_ line: Substring, width: Int) -> Bool {
    guard let last = line.last else { return true }
    if width > 160 { return true }
    return ".!?:".contains(last) && line.count < width * 6 / 10
  }

  /// Classifies a line that is not blank and not a table row.
  func classify(
    _ line: Substring, indent: Int, previousBlank: Bool, nextBlank: Bool,
    listIndents: inout [Int], lastListNumberWasNumeric: inout Bool
  ) -> Marker {
    if markdown {
      let hashes = line.prefix { $0 == "#" }.count
      if (1...6).contains(hashes), line.dropFirst(hashes).first == " " {
        return .heading(level: hashes)
      }
      if line.first == ">" { return .quote }
    }
    // Numbered paragraphs and headings: 4.12 / 3.2 Title / 6. RECOMMENDATIONS
    let words = line.split(separator: " ", maxSplits: 1)
    if let first = words.first, let number = HeadingNumber.dottedNumber(first) {
      let rest = words.count > 1 ? words[1].trimmingWhiteSpace() : ""
      if !rest.isEmpty, rest.first?.isLetter == true || rest.first == "“" || rest.first == "\"" {
        if nextBlank || TextStructurer.isAllCaps(rest),
          TextStructurer.looksLikeHeading(rest, standalone: nextBlank)
        {
          return .heading(level: min(6, 2 + number.filter { $0 == "." }.count))
        }
        if number.contains(".") { return .numberedParagraph(number: number) }
        lastListNumberWasNumeric = true
        listIndents = [indent]
        return .listItem(number: number, depth: 0, indent: indent)
      }
    }
    if let (number, _) = TextStructurer.letterMarker(line) {
      let depth = lastListNumberWasNumeric ? 1 : 0
      return .listItem(number: number, depth: depth, indent: indent)
    }
    if TextStructurer.isBullet(line) {
      while let last = listIndents.last, last > indent { listIndents.removeLast() }
      if listIndents.last != indent { listIndents.append(indent) }
      if !lastListNumberWasNumeric || listIndents.count > 1 {
        lastListNumberWasNumeric = lastListNumberWasNumeric && listIndents.count > 1
      }
      let depth = max(0, listIndents.count - 1)
      return .listItem(number: nil, depth: depth, indent: indent)
    }
    if previousBlank, TextStructurer.isStandaloneHeading(line, nextBlank: nextBlank) {
      lastListNumberWasNumeric = false
      if let first = words.first,
        ["section", "part", "chapter", "appendix"].contains(
          first.lowercased())
      {
        return .heading(level: 2)
      }
      return .heading(level: TextStructurer.isAllCaps(line) ? 2 : 3)
    }
    return .paragraph
  }

  /// The text of a line without its marker.
  static func body(of line: Substring, marker: Marker) -> Substring {
    switch marker {
    case .heading:
      var rest = line
      if rest.first == "#" { rest = rest.drop { $0 == "#" } }
      return rest.trimmingWhiteSpace()
    case .listItem(let number, _, _):
      if number == nil { return line.dropFirst().trimmingWhiteSpace() }
      if let (_, rest) = letterMarker(line) { return rest }
      return line.drop { !$0.isWhitespace }.trimmingWhiteSpace()
    case .numberedParagraph:
      return line.drop { !$0.isWhitespace }.trimmingWhiteSpace()
    case .quote:
      return line.drop { $0 == ">" }.trimmingWhiteSpace()
    case .tableRow, .paragraph:
      return line
    }
  }

  /// `(a)`, `a)`, `(iv)`, `(2)` at the start of a line → the marker and the text after it.
  static func letterMarker(_ line: Substring) -> (String, Substring)? {
    var rest = line
    let open = rest.first == "("
    if open { rest = rest.dropFirst() }
    let label = rest.prefix { $0.isLetter || $0.isNumber }
    guard !label.isEmpty, label.count <= 4 else { return nil }
    let isRoman = label.allSatisfy { "ivx".contains($0) }
    let isLetter = label.count == 1 && label.first?.isLowercase == true
    let isNumber = open && label.allSatisfy(\.isASCIIDigit)
    guard isRoman || isLetter || isNumber else { return nil }
    rest = rest.dropFirst(label.count)
    guard rest.first == ")" || (!open && rest.first == "." && isLetter) else { return nil }
    rest = rest.dropFirst()
    guard rest.first == " " || rest.first == "\t" else { return nil }
    let text = rest.trimmingWhiteSpace()
    guard !text.isEmpty else { return nil }
    return (String(label), text)
  }

  static func isBullet(_ line: Substring) -> Bool {
    guard let first = line.first, "•●▪◦‣∙·-–*+o".contains(first) else { return false }
    let second = line.dropFirst().first
    if first == "o" {
      return second == " " && line.count > 3 && line.dropFirst(2).first?.isUppercase == true
    }
    return second == " " || second == "\t"
  }

  static func isHorizontalRule(_ line: Substring) -> Bool {
    guard line.count >= 3, let first = line.first, "-*_=".contains(first) else { return false }
    return line.allSatisfy { $0 == first || $0 == " " }
  }

  /// A short line standing alone that reads as a heading: ALL CAPS, Title Case, or a label
  /// such as `Finding 2: Seeing the baby`.
  static func isStandaloneHeading(_ line: Substring, nextBlank: Bool) -> Bool {
    let words = line.split(separator: " ")
    guard line.count <= 160, let last = line.last, !",;".contains(last) else { return false }
    if isAllCaps(line) { return words.count <= 14 && line.filter(\.isLetter).count >= 3 }
    guard last != ".", nextBlank else { return false }
    if isLabelHeading(line) { return true }
    guard words.count <= 14, line.count <= 100 else { return false }
    return looksLikeHeading(line, standalone: true)
  }

  /// `Finding 1: Title`, `Learning point 3`, `Recommendation 2` followed by a few words at most.
  static func isLabelHeading(_ line: Substring) -> Bool {
    let lower = line.lowercased()
    for label in [
      "finding", "learning point", "key learning", "key finding", "theme", "good practice",
    ] {
      guard lower.hasPrefix(label) else { continue }
      let rest = lower.dropFirst(label.count).drop {
        $0 == " " || $0.isNumber || ":.–-".contains($0)
      }
      return rest.split(separator: " ").count <= 18 && line.last != "."
    }
    return false
  }

  /// Title Case or a short phrase with no closing full stop.
  static func looksLikeHeading(_ text: Substring, standalone: Bool) -> Bool {
    guard let last = text.last, !".,;".contains(last) else { return false }
    let words = text.split(separator: " ")
    guard words.count <= 12, text.count <= 90, text.first?.isUppercase == true else {
      return false
    }
    if isAllCaps(text) { return true }
    let small: Set<String> = [
      "a", "an", "and", "the", "of", "in", "on", "for", "to", "with", "by", "at", "or", "from",
      "into", "about", "as", "is", "was", "we", "what", "did", "do", "how", "this", "be",
    ]
    let significant = words.filter { !small.contains($0.lowercased()) }
    let capitalised = significant.filter {
      $0.first?.isUppercase == true || $0.first?.isNumber == true
    }
    if words.count <= 6 && standalone { return true }
    return !significant.isEmpty && capitalised.count * 10 >= significant.count * 6
  }

  static func isAllCaps(_ line: Substring) -> Bool {
    let letters = line.filter(\.isLetter)
    return letters.count >= 2 && letters.allSatisfy { $0.isUppercase }
  }

  /// Cells of a table row: a Markdown `| a | b |` row, or columns split by tabs or 3+ spaces.
  func tableCells(_ raw: Substring, trimmed: Substring) -> [String]? {
    if markdown, trimmed.first == "|", trimmed.count > 2 {
      var inner = trimmed.dropFirst()
      if inner.last == "|" { inner = inner.dropLast() }
      return inner.split(separator: "|", omittingEmptySubsequences: false).map {
        String($0.trimmingWhiteSpace())
      }
    }
    var cells: [String] = []
    var cell = ""
    var spaces = 0
    for character in trimmed {
      if character == "\t" {
        spaces = 3
      } else if character == " " {
        spaces += 1
      } else {
        if spaces >= 3 {
          cells.append(cell)
          cell = ""
        } else if spaces > 0 {
          cell += String(repeating: " ", count: spaces)
        }
        spaces = 0
        cell.append(character)
      }
    }
    cells.append(cell)
    guard cells.count >= 2 else { return nil }
    // A numbered paragraph laid out as "4.12     The health visitor…" is not a table.
    if let first = cells.first,
      HeadingNumber.dottedNumber(Substring(first)) != nil
        || TextStructurer.letterMarker(Substring(first + " x")) != nil || first.count <= 2
    {
      return nil
    }
    return cells
  }

  /// Joins wrapped lines, mending words hyphenated across the line end.
  static func joinLines(_ lines: [Substring]) -> String {
    var out = ""
    for line in lines {
      let piece = line.trimmingWhiteSpace()
      if piece.isEmpty { continue }
      if out.isEmpty {
        out = String(piece)
        continue
      }
      if out.last == "-", let start = piece.first, start.isLowercase {
        let word = out.reversed().dropFirst().prefix { $0.isLetter }
        let stem = String(word.reversed()).lowercased()
        if !keptHyphenPrefixes.contains(stem) { out.removeLast() }
        out += piece
      } else {
        out += " " + piece
      }
    }
    return collapseWhiteSpace(out)
  }

  /// Prefixes whose hyphen is part of the word ("multi-agency"), not a line-end break.
  static let keptHyphenPrefixes: Set<String> = [
    "multi", "co", "non", "pre", "post", "self", "inter", "cross", "well", "ex", "sub", "anti",
    "step", "half", "short", "long", "full", "part", "low", "high", "face", "follow", "one", "two",
    "child", "family", "under", "over", "re", "semi", "mid", "so",
  ]

  /// The bold words that open a Markdown line (`**Finding 1: Title.** Body`, after any list
  /// marker), when more text follows them.
  static func boldLead(_ line: Substring) -> String? {
    guard let open = line.range(of: "**") else { return nil }
    let before = line[..<open.lowerBound].trimmingWhiteSpace()
    // Only a list marker may stand before the bold words.
    if !before.isEmpty && !(before.split(separator: " ").count == 1 && before.count <= 4) {
      return nil
    }
    guard let close = line[open.upperBound...].range(of: "**") else { return nil }
    let inner = line[open.upperBound..<close.lowerBound].trimmingWhiteSpace()
    let after = line[close.upperBound...].trimmingWhiteSpace()
    guard !inner.isEmpty, !after.isEmpty else { return nil }
    return stripMarkdownInline(inner)
  }

  /// Removes Markdown emphasis, inline code and link syntax, keeping the words.
  static func stripMarkdownInline(_ line: Substring) -> String {
    var out = ""
    var index = line.startIndex
    if line.hasPrefix("* ") || line.hasPrefix("+ ") {
      out = String(line.prefix(2))  // a bullet, not emphasis
      index = line.index(index, offsetBy: 2)
    }
    while index < line.endIndex {
      let character = line[index]
      if character == "!" || character == "[" {
        let open = character == "!" ? line.index(after: index) : index
        if open < line.endIndex, line[open] == "[",
          let close = line[open...].firstIndex(of: "]"),
          line.index(after: close) < line.endIndex, line[line.index(after: close)] == "(",
          let end = line[close...].firstIndex(of: ")")
        {
          out += line[line.index(after: open)..<close]
          index = line.index(after: end)
          continue
        }
      }
      if character == "*" || character == "`"
        || (character == "_" && isEmphasisUnderscore(line, index))
      {
        index = line.index(after: index)
        continue
      }
      out.append(character)
      index = line.index(after: index)
    }
    return out
  }

  private static func isEmphasisUnderscore(_ line: Substring, _ index: Substring.Index) -> Bool {
    let before = index > line.startIndex ? line[line.index(before: index)] : " "
    let afterIndex = line.index(after: index)
    let after = afterIndex < line.endIndex ? line[afterIndex] : " "
    return !(before.isLetter && after.isLetter)
  }
}

extension Substring {
  func trimmingWhiteSpace() -> Substring {
    var slice = self
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return slice
  }
}
