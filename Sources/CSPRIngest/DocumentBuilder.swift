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
    var text = String(Substring(rawText).trimmingWhiteSpace())
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

/// The UTF-8 bytes of ``lineBreakMark``.
let lineBreakBytes: [UInt8] = [0xE2, 0x80, 0xA8]

/// ``collapseWhiteSpace(_:keepLineBreaks:)`` on raw UTF-8, in one pass over the bytes: the
/// HTML reader gathers text nodes as bytes and turns each block into a string once.
func collapseWhiteSpace(utf8 bytes: [UInt8], keepLineBreaks: Bool = false) -> String {
  var out: [UInt8] = []
  out.reserveCapacity(bytes.count)
  var pendingSpace = false
  var pendingBreak = false
  var index = 0
  let count = bytes.count
  while index < count {
    let byte = bytes[index]
    var skip = 1
    var emit = true
    if byte == 0x20 || (0x09...0x0D).contains(byte) {
      pendingSpace = true
      emit = false
    } else if byte < 0x20 || byte == 0x7F {
      emit = false
    } else if byte == 0xC2, index + 1 < count,
      bytes[index + 1] == 0xA0 || (0x80...0x9F).contains(bytes[index + 1])
    {
      if bytes[index + 1] == 0xA0 { pendingSpace = true }  // no-break space; C1 controls vanish
      skip = 2
      emit = false
    } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80,
      bytes[index + 2] == 0xA8 || bytes[index + 2] == 0x8B
    {
      if bytes[index + 2] == 0xA8 {
        if keepLineBreaks { pendingBreak = true } else { pendingSpace = true }
      }
      skip = 3
      emit = false
    } else if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
      skip = 3
      emit = false
    }
    if emit {
      if !out.isEmpty {
        if pendingBreak { out.append(0x0A) } else if pendingSpace { out.append(0x20) }
      }
      pendingSpace = false
      pendingBreak = false
      out.append(byte)
    }
    index += skip
  }
  return String(decoding: out, as: UTF8.self)
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
