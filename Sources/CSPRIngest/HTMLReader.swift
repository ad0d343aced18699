internal import CLibXML2
import CSPRModel
import Foundation

/// Reads an HTML review through libxml2's HTML parser into headings and blocks.
///
/// The only user of libxml2 in cspr. Page chrome (navigation, landmarks, cookie banners, skip
/// links, forms, scripts) is dropped; headings, paragraphs, numbered lists, tables, quotes and
/// line breaks are kept. The tree is walked iteratively, so deep nesting cannot overflow the stack.
public enum HTMLReader {
  /// Initialises libxml2 once per process, before any parallel parsing.
  static let initialised: Bool = {
    xmlInitParser()
    return true
  }()

  /// Parses `bytes` and returns the section tree, the title and any warnings.
  static func read(_ bytes: [UInt8]) throws(IngestError) -> (
    root: Section, title: String?, warnings: [String]
  ) {
    _ = initialised
    var warnings: [String] = []
    let encoding = chooseEncoding(bytes, warnings: &warnings)
    guard let context = htmlNewParserCtxt() else {
      throw .unreadable(reason: "libxml2 could not allocate a parser")
    }
    defer { htmlFreeParserCtxt(context) }
    let document = parse(bytes, context: context, encoding: encoding)
    if let error = xmlCtxtGetLastError(context), error.pointee.level == XML_ERR_FATAL,
      let message = error.pointee.message
    {
      let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
      warnings.append("HTML parser: \(text) (line \(error.pointee.line))")
    }
    guard let document else { throw .unreadable(reason: "libxml2 could not parse the HTML") }
    defer { xmlFreeDoc(document) }
    guard let top = xmlDocGetRootElement(document) else { throw .noText(format: .html) }
    var walker = Walker()
    let start = findMain(top) ?? top
    walker.walk(start)
    let root = walker.builder.finish()
    let title = walker.builder.firstTopHeading ?? pageTitle(top) ?? walker.builder.firstHeading
    return (root, title, warnings)
  }

  /// Parses `bytes` with libxml2 and frees the tree, doing nothing else: the floor that
  /// benchmarks compare the whole pipeline with.
  public static func parseOnly(_ bytes: [UInt8]) -> Bool {
    _ = initialised
    guard let context = htmlNewParserCtxt() else { return false }
    defer { htmlFreeParserCtxt(context) }
    guard let document = parse(bytes, context: context, encoding: "UTF-8") else { return false }
    xmlFreeDoc(document)
    return true
  }

  /// Recover from errors, print none, never touch the network.
  static let options = Int32(
    HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
      | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

  /// Runs libxml2's parser over `bytes`; the whole C call happens inside the closure, so the
  /// buffer lives exactly as long as the parser reads it.
  static func parse(_ bytes: [UInt8], context: htmlParserCtxtPtr, encoding: String) -> htmlDocPtr? {
    bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, encoding, options)
      }
    }
  }

  /// Honours a declared charset; otherwise UTF-8, or Windows-1252 when the bytes are not UTF-8.
  static func chooseEncoding(_ bytes: [UInt8], warnings: inout [String]) -> String {
    let isUTF8 = TextDecoding.isValidUTF8(bytes)
    guard let declared = declaredCharset(bytes) else {
      if !isUTF8 {
        warnings.append("no charset declared and not valid UTF-8; read as Windows-1252")
      }
      return isUTF8 ? "UTF-8" : "windows-1252"
    }
    let name = declared.lowercased()
    if name == "utf-8" || name == "utf8" {
      if !isUTF8 {
        warnings.append("declared UTF-8 but not valid UTF-8; read as Windows-1252")
        return "windows-1252"
      }
      return "UTF-8"
    }
    // Browsers read Latin-1 and ASCII declarations as Windows-1252; so do we.
    if ["iso-8859-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"].contains(name) {
      return "windows-1252"
    }
    return declared
  }

  /// The charset named in a `<meta>` element or XML declaration near the top, if any.
  static func declaredCharset(_ bytes: [UInt8]) -> String? {
    let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
    for marker in ["charset=", "encoding="] {
      guard let range = head.range(of: marker) else { continue }
      let rest = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
      let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
      if !name.isEmpty { return String(name) }
    }
    return nil
  }

  /// The `<main>` element (or `role="main"`), which holds the content on most modern pages.
  static func findMain(_ top: xmlNodePtr) -> xmlNodePtr? {
    var stack: [xmlNodePtr] = [top]
    while let node = stack.popLast() {
      if node.pointee.type == XML_ELEMENT_NODE {
        if name(of: node) == "main" || attribute(node, "role") == "main" { return node }
      }
      var child = node.pointee.children
      var children: [xmlNodePtr] = []
      while let current = child {
        if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
        child = current.pointee.next
      }
      stack.append(contentsOf: children.reversed())
    }
    return nil
  }

  /// The `<title>` of the page with a trailing site name (`… - Northmoor Council`) removed.
  static func pageTitle(_ top: xmlNodePtr) -> String? {
    var stack: [xmlNodePtr] = [top]
    while let node = stack.popLast() {
      if node.pointee.type == XML_ELEMENT_NODE, name(of: node) == "title" {
        let text = collapseWhiteSpace(textContent(node))
        for separator in [" | ", " - ", " – "] {
          if let range = text.range(of: separator, options: .backwards) {
            return String(text[..<range.lowerBound])
          }
        }
        return text.isEmpty ? nil : text
      }
      var child = node.pointee.children
      while let current = child {
        stack.append(current)
        child = current.pointee.next
      }
    }
    return nil
  }

  static func name(of node: xmlNodePtr) -> String {
    guard let name = node.pointee.name else { return "" }
    return String(cString: name)
  }

  static func attribute(_ node: xmlNodePtr, _ attribute: String) -> String? {
    guard let value = xmlGetProp(node, attribute) else { return nil }
    defer { cspr_xmlFree(value) }
    return String(cString: value)
  }

  /// The first `limit` or so characters of raw text under a node, iteratively and without
  /// judging the elements on the way (a skip-link test must not walk into nested links, which
  /// made each level of nesting double the work).
  static func leadingText(_ node: xmlNodePtr, limit: Int) -> String {
    var out = ""
    var stack: [xmlNodePtr] = []
    var child = node.pointee.children
    while let current = child, stack.count < 1_000 {
      stack.append(current)
      child = current.pointee.next
    }
    stack.reverse()
    var visited = 0
    while let current = stack.popLast(), out.count < limit, visited < 1_000 {
      visited += 1
      if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
        out += String(cString: content)
        out = collapseWhiteSpace(out)
      }
      var grandchild = current.pointee.children
      var children: [xmlNodePtr] = []
      while let next = grandchild, children.count < 1_000 {
        children.append(next)
        grandchild = next.pointee.next
      }
      stack.append(contentsOf: children.reversed())
    }
    return out
  }

  /// All the text under a node, block boundaries and `<br>` read as spaces; iterative.
  static func textContent(_ node: xmlNodePtr) -> String {
    var out = ""
    var stack: [xmlNodePtr] = []
    var child = node.pointee.children
    var children: [xmlNodePtr] = []
    while let current = child {
      children.append(current)
      child = current.pointee.next
    }
    stack.append(contentsOf: children.reversed())
    while let current = stack.popLast() {
      switch current.pointee.type {
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content { out += String(cString: content) }
      case XML_ELEMENT_NODE:
        if Walker.isDropped(current) { continue }
        out += " "
        var grandchild = current.pointee.children
        var list: [xmlNodePtr] = []
        while let next = grandchild {
          list.append(next)
          grandchild = next.pointee.next
        }
        stack.append(contentsOf: list.reversed())
      default: continue
      }
    }
    return out
  }
}

/// The iterative tree walk that turns elements into headings and blocks.
private struct Walker {
  var builder = DocumentBuilder()

  private enum Frame {
    case enter(xmlNodePtr, insideMain: Bool)
    case endList
    case endItem
    case endQuote
    case endBlock
    case endLead
  }

  private struct ListContext {
    var ordered: Bool
    var style: String
    var counter: Int
    var parentNumber: String?
  }

  private struct ItemContext {
    var number: String?
    var depth: Int
    var emitted: Bool
  }

  /// Raw UTF-8 of the text gathered for the current block, collapsed when the block ends.
  private var buffer: [UInt8] = []
  private var lists: [ListContext] = []
  private var items: [ItemContext] = []
  private var quoteDepth = 0
  /// Bold words opening the block being gathered (a run-in heading), once closed.
  private var lead: String?
  private var capturingLead = false

  static let droppedTags: Set<String> = [
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select",
    "textarea", "iframe", "object", "svg", "canvas", "head", "input", "dialog", "menu",
  ]
  static let droppedRoles: Set<String> = [
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
  ]
  static let chromeWords = [
    "cookie", "skip-link", "skiplink", "skip-to", "skip_to", "breadcrumb", "visually-hidden",
    "sr-only", "screen-reader", "site-header", "site-footer", "share-links", "social-share",
  ]
  static let blockTags: Set<String> = [
    "p", "div", "section", "article", "main", "body", "html", "dd", "dt", "dl", "pre",
    "figure", "figcaption", "address", "details", "summary", "center", "hr", "header", "footer",
    "caption", "fieldset", "legend",
  ]

  /// Whether an element is page chrome rather than review content.
  static func isDropped(_ node: xmlNodePtr) -> Bool {
    let tag = HTMLReader.name(of: node)
    if droppedTags.contains(tag) { return true }
    if let role = HTMLReader.attribute(node, "role")?.lowercased(), droppedRoles.contains(role) {
      return true
    }
    if HTMLReader.attribute(node, "hidden") != nil { return true }
    if HTMLReader.attribute(node, "aria-hidden")?.lowercased() == "true" { return true }
    let marks = [
      HTMLReader.attribute(node, "class"), HTMLReader.attribute(node, "id"),
      HTMLReader.attribute(node, "aria-label"),
    ].compactMap { $0?.lowercased() }.joined(separator: " ")
    if !marks.isEmpty, chromeWords.contains(where: { marks.contains($0) }) { return true }
    if tag == "a", let href = HTMLReader.attribute(node, "href"), href.hasPrefix("#"),
      HTMLReader.leadingText(node, limit: 32).lowercased().hasPrefix("skip")
    {
      return true
    }
    return false
  }

  mutating func walk(_ start: xmlNodePtr) {
    let startsInMain = HTMLReader.name(of: start) == "main"
    var stack: [Frame] = [.enter(start, insideMain: startsInMain)]
    while let frame = stack.popLast() {
      switch frame {
      case .endList:
        flush()
        lists.removeLast()
      case .endItem:
        flush()
        items.removeLast()
      case .endQuote:
        flush()
        quoteDepth -= 1
      case .endBlock:
        boundary()
      case .endLead:
        capturingLead = false
        lead = collapseWhiteSpace(utf8: buffer)
      case .enter(let node, let insideMain):
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
          if let content = node.pointee.content {
            buffer.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
          }
        case XML_ELEMENT_NODE:
          enter(node, insideMain: insideMain, stack: &stack)
        default:
          break
        }
      }
    }
    flush()
  }

  private mutating func enter(_ node: xmlNodePtr, insideMain: Bool, stack: inout [Frame]) {
    let tag = HTMLReader.name(of: node)
    if (tag == "header" || tag == "footer") && !insideMain { return }
    if Walker.isDropped(node) { return }
    let inside = insideMain || tag == "main" || tag == "article"
    func pushChildren() {
      var child = node.pointee.children
      var children: [Frame] = []
      while let current = child {
        children.append(.enter(current, insideMain: inside))
        child = current.pointee.next
      }
      stack.append(contentsOf: children.reversed())
    }
    switch tag {
    case "h1", "h2", "h3", "h4", "h5", "h6":
      flush()
      let level = Int(String(tag.dropFirst())) ?? 2
      builder.heading(HTMLReader.textContent(node), level: level)
    case "br":
      buffer.append(contentsOf: lineBreakBytes)
    case "strong", "b":
      if lead == nil, !capturingLead, buffer.allSatisfy({ $0 <= 0x20 }) {
        capturingLead = true
        stack.append(.endLead)
      }
      pushChildren()
    case "table":
      if readTable(node) { return }
      flush()
      stack.append(.endBlock)
      pushChildren()
    case "ul", "ol", "menu":
      flush()
      let parentNumber = items.last?.number
      let ordered = tag == "ol"
      let start = HTMLReader.attribute(node, "start").flatMap { Int($0) } ?? 1
      let style = HTMLReader.attribute(node, "type") ?? "1"
      lists.append(
        ListContext(ordered: ordered, style: style, counter: start - 1, parentNumber: parentNumber))
      stack.append(.endList)
      pushChildren()
    case "li":
      flush()
      var number: String?
      if !lists.isEmpty {
        var list = lists[lists.count - 1]
        if let value = HTMLReader.attribute(node, "value").flatMap({ Int($0) }) {
          list.counter = value
        } else {
          list.counter += 1
        }
        lists[lists.count - 1] = list
        if list.ordered { number = label(list) }
      }
      items.append(ItemContext(number: number, depth: max(0, lists.count - 1), emitted: false))
      stack.append(.endItem)
      pushChildren()
    case "blockquote":
      flush()
      quoteDepth += 1
      stack.append(.endQuote)
      pushChildren()
    default:
      if Walker.blockTags.contains(tag) {
        boundary()
        stack.append(.endBlock)
      }
      pushChildren()
    }
  }

  /// The visible label of the current list item: `3`, `2.1` for a nested numbered list, `b`.
  private func label(_ list: ListContext) -> String {
    let n = list.counter
    switch list.style {
    case "a": return Walker.letters(n, uppercase: false)
    case "A": return Walker.letters(n, uppercase: true)
    case "i": return Walker.roman(n).lowercased()
    case "I": return Walker.roman(n)
    default:
      if let parent = list.parentNumber, parent.allSatisfy({ $0.isNumber || $0 == "." }) {
        return "\(parent).\(n)"
      }
      return String(n)
    }
  }

  static func elementChildren(_ node: xmlNodePtr) -> [xmlNodePtr] {
    var out: [xmlNodePtr] = []
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE { out.append(current) }
      child = current.pointee.next
    }
    return out
  }

  static func letters(_ n: Int, uppercase: Bool) -> String {
    guard n > 0 else { return String(n) }
    var n = n
    var out = ""
    while n > 0 {
      n -= 1
      out = String(UnicodeScalar(UInt8(97 + n % 26))) + out
      n /= 26
    }
    return uppercase ? out.uppercased() : out
  }

  static func roman(_ n: Int) -> String {
    guard n > 0, n < 4000 else { return String(n) }
    let table: [(Int, String)] = [
      (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
      (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]
    var n = n
    var out = ""
    for (value, symbol) in table {
      while n >= value {
        out += symbol
        n -= value
      }
    }
    return out
  }

  /// A block boundary: inside a list item still gathering its text it is only a space.
  private mutating func boundary() {
    if let item = items.last, !item.emitted {
      buffer.append(0x20)
    } else {
      flush()
    }
  }

  private mutating func flush() {
    let text = collapseWhiteSpace(utf8: buffer, keepLineBreaks: true)
    let lead = capturingLead ? nil : self.lead
    buffer.removeAll(keepingCapacity: true)
    self.lead = nil
    capturingLead = false
    guard !text.isEmpty else { return }
    if let item = items.last, !item.emitted {
      builder.block(.listItem, text: text, number: item.number, depth: item.depth, lead: lead)
      items[items.count - 1].emitted = true
    } else if quoteDepth > 0 {
      builder.block(.quote, text: text)
    } else {
      builder.block(.paragraph, text: text, lead: lead)
    }
  }

  /// Emits a data table's rows; returns false for a layout table, which is walked as content.
  private mutating func readTable(_ table: xmlNodePtr) -> Bool {
    var rows: [(cells: [String], header: Bool)] = []
    var ordered: [(xmlNodePtr, Bool)] = []
    for child in Walker.elementChildren(table) {
      let tag = HTMLReader.name(of: child)
      if tag == "tr" {
        ordered.append((child, false))
      } else if ["thead", "tbody", "tfoot"].contains(tag) {
        for row in Walker.elementChildren(child) where HTMLReader.name(of: row) == "tr" {
          ordered.append((row, tag == "thead"))
        }
      }
    }
    for (row, inHead) in ordered {
      var cells: [String] = []
      var allHeaderCells = true
      var child = row.pointee.children
      while let current = child {
        if current.pointee.type == XML_ELEMENT_NODE {
          let tag = HTMLReader.name(of: current)
          if tag == "td" || tag == "th" {
            cells.append(collapseWhiteSpace(HTMLReader.textContent(current)))
            if tag == "td" { allHeaderCells = false }
          }
        }
        child = current.pointee.next
      }
      if !cells.isEmpty { rows.append((cells, inHead || allHeaderCells)) }
    }
    guard rows.contains(where: { $0.cells.count > 1 }) else { return false }
    flush()
    for row in rows where row.cells.contains(where: { !$0.isEmpty }) {
      builder.block(
        .tableRow, text: row.cells.joined(separator: " | "), cells: row.cells,
        isHeader: row.header)
    }
    return true
  }
}
