/// The format a review arrived in, decided by sniffing its content first and its extension second.
public enum SourceFormat: String, Codable, Sendable, CaseIterable {
  /// HTML or XHTML, read through libxml2's HTML parser.
  case html
  /// Plain text, including text exported from a PDF.
  case text
  /// Markdown, read by the text structurer with Markdown syntax recognised.
  case markdown
  /// PDF, turned into text by poppler's `pdftotext -layout`.
  case pdf
}

/// What kind of block of text a ``Block`` is.
public enum BlockKind: String, Codable, Sendable {
  /// A paragraph of running text (possibly a numbered paragraph such as `4.12`).
  case paragraph
  /// An item of a numbered or bulleted list.
  case listItem = "list_item"
  /// A row of a table; its cells are in ``Block/cells``.
  case tableRow = "table_row"
  /// A block quotation.
  case quote
}

/// One block of a review: the unit that extraction reads and that citations point at.
public struct Block: Codable, Sendable, Hashable {
  /// What kind of block this is.
  public var kind: BlockKind
  /// The block's text with white space collapsed; a table row's cells joined by ` | `.
  public var text: String
  /// The block's own number or marker without punctuation (`3`, `2.1`, `a`, `R2`), if it has one.
  public var number: String?
  /// Nesting depth of a list item (0 for a top-level item).
  public var depth: Int
  /// The cells of a table row, in order.
  public var cells: [String]?
  /// Whether a table row is the table's header row.
  public var isHeader: Bool?
  /// A run-in heading: the bold words that open the block.
  ///
  /// Reviews use it for a finding's short title ("**Finding 1: Title.** The body…"). The
  /// words are also part of ``text``.
  public var lead: String?
  /// Position of the block in document order, counted from 0 across the whole document.
  public var position: Int
  /// The 1-based line of the source text where the block starts, for text inputs.
  public var line: Int?

  /// Creates a block.
  public init(
    kind: BlockKind, text: String, number: String? = nil, depth: Int = 0,
    cells: [String]? = nil, isHeader: Bool? = nil, lead: String? = nil, position: Int,
    line: Int? = nil
  ) {
    self.kind = kind
    self.text = text
    self.number = number
    self.depth = depth
    self.cells = cells
    self.isHeader = isHeader
    self.lead = lead
    self.position = position
    self.line = line
  }
}

/// A section of a review: a heading, the blocks under it, and its subsections.
public struct Section: Codable, Sendable, Hashable {
  /// The heading text as a reader sees it (numbering included), empty for the document root.
  public var heading: String
  /// Heading level: 0 for the root, 1–6 as in HTML.
  public var level: Int
  /// The heading's own number (`6`, `3.2`, `4` for "Section 4"), if it has one.
  public var number: String?
  /// Position of the heading in document order (shares the counter with blocks).
  public var position: Int
  /// The blocks directly under this heading, before any subsection.
  public var blocks: [Block]
  /// The subsections, in document order.
  public var children: [Section]

  /// Creates a section.
  public init(
    heading: String, level: Int, number: String? = nil, position: Int = 0,
    blocks: [Block] = [], children: [Section] = []
  ) {
    self.heading = heading
    self.level = level
    self.number = number
    self.position = position
    self.blocks = blocks
    self.children = children
  }
}

/// A review as read from one file: the single document model every later stage reads.
public struct ReviewDocument: Codable, Sendable {
  /// Stable identifier: a hash of the file's bytes, so the same review has the same id anywhere.
  public var id: String
  /// The path the review was read from (`-` for standard input).
  public var source: String
  /// The format it was read as.
  public var format: SourceFormat
  /// The review's title as a reader sees it at the top, if one was found.
  public var title: String?
  /// The section tree; the root has level 0 and holds any blocks before the first heading.
  public var root: Section
  /// Problems noticed while reading that did not stop it (for example a fallback encoding).
  public var warnings: [String]
  /// Size of the source in bytes.
  public var byteCount: Int

  /// Creates a document.
  public init(
    id: String, source: String, format: SourceFormat, title: String?, root: Section,
    warnings: [String] = [], byteCount: Int = 0
  ) {
    self.id = id
    self.source = source
    self.format = format
    self.title = title
    self.root = root
    self.warnings = warnings
    self.byteCount = byteCount
  }
}

/// A section visited in document order, with the headings above it.
public struct SectionVisit: Sendable {
  /// The section itself.
  public var section: Section
  /// Headings from the top level down to this section, root excluded.
  public var path: [String]
}

extension ReviewDocument {
  /// Every section in document order (root first), each with its heading path.
  public var sections: [SectionVisit] {
    var out: [SectionVisit] = []
    var stack: [(Section, [String])] = [(root, [])]
    while let (section, path) = stack.popLast() {
      out.append(SectionVisit(section: section, path: path))
      for child in section.children.reversed() {
        stack.append((child, path + [child.heading]))
      }
    }
    return out
  }

  /// The number of blocks in the whole document.
  public var blockCount: Int {
    var count = 0
    var stack = [root]
    while let section = stack.popLast() {
      count += section.blocks.count
      stack += section.children
    }
    return count
  }
}
