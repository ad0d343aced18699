import CSPRModel
import Foundation

/// Builds the section tree from a stream of headings and blocks, numbering positions as it goes.
///
/// Both readers (HTML and text) emit into a builder, so the two formats share one idea of what a
/// section is: a heading owns every block until a heading of the same or a higher level.
struct DocumentBuilder {
  private var stack: [Section] = [Section(heading: "", level: 0)]
  private var nextPosition = 0
  private(set) var firstHeading: String?
  private(set) var firstTopHeading: String?

  /// Opens a new section, closing any open section of the same or a deeper level.
  mutating func heading(_ rawText: String, level: Int) {
    let text = collapseWhiteSpace(rawText)
    guard !text.isEmpty else { return }
    let level = max(1, min(level, 6))
    if firstHeading == nil { firstHeading = text }
    if firstTopHeading == nil, level == 1 { firstTopHeading = text }
    while let top = stack.last, top.level >= level, stack.count > 1 {
      closeTop()
    }
    stack.append(
      Section(
        heading: text, level: level, number: HeadingNumber.parse(text), position: takePosition()))
  }

  /// Adds a block to the innermost open section; empty text is dropped.
  mutating func block(
    _ kind: BlockKind, text rawText: String, number: String? = nil, depth: Int = 0,
    cells: [String]? = nil, isHeader: Bool? = nil, lead: String? = nil, line: Int? = nil
  ) {
    var text = rawText.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else { return }
    var number = number
    // "2. Placing authorities should…" or "4.12 The health visitor…" written into a paragraph:
    // the number is the paragraph's own, as in the text reader.
    if kind == .paragraph, number == nil, let first = text.split(separator: " ").first,
      first.count < text.count, let dotted = HeadingNumber.dottedNumber(first),
      first.hasSuffix(".") || dotted.contains("."),
      text.dropFirst(first.count + 1).first?.isLetter == true
    {
      number = dotted
      text = String(text.dropFirst(first.count + 1))
    }
    let lead = lead.map { collapseWhiteSpace($0) }.flatMap { $0.isEmpty || $0 == text ? nil : $0 }
    let block = Block(
      kind: kind, text: text, number: number, depth: depth, cells: cells, isHeader: isHeader,
      lead: lead, position: takePosition(), line: line)
    stack[stack.count - 1].blocks.append(block)
  }

  /// The title a reader sees: the first top-level heading, else the first heading of any level.
  var title: String? { firstTopHeading ?? firstHeading }

  /// Closes every open section and returns the root.
  mutating func finish() -> Section {
    while stack.count > 1 { closeTop() }
    return stack[0]
  }

  private mutating func takePosition() -> Int {
    defer { nextPosition += 1 }
    return nextPosition
  }

  private mutating func closeTop() {
    let done = stack.removeLast()
    stack[stack.count - 1].children.append(done)
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Marks a hard line break (an HTML `<br>`) in text still to be collapsed.
let lineBreakMark: Unicode.Scalar = "\u{2028}"

/// Collapses runs of white space to single spaces; with `keepLineBreaks`, a ``lineBreakMark``
/// survives as one `\n` so that `<br>` line breaks stay visible.
func collapseWhiteSpace(_ text: String, keepLineBreaks: Bool = false) -> String {
  var out = ""
  out.reserveCapacity(text.utf8.count)
  var pendingSpace = false
  var pendingBreak = false
  for scalar in text.unicodeScalars {
    if scalar == lineBreakMark {
      if keepLineBreaks { pendingBreak = true } else { pendingSpace = true }
    } else if scalar.properties.isWhitespace || scalar == "\u{00A0}" {
      pendingSpace = true
    } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
      || scalar == "\u{200B}" || scalar == "\u{FEFF}"
    {
      continue  // control characters and zero-width marks carry nothing a reader sees
    } else {
      if !out.isEmpty {
        if pendingBreak { out.append("\n") } else if pendingSpace { out.append(" ") }
      }
      pendingSpace = false
      pendingBreak = false
      out.unicodeScalars.append(scalar)
    }
  }
  return out
}
