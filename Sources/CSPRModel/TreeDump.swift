extension ReviewDocument {
  /// A readable dump of the section tree: one line per heading and block, indented by depth.
  ///
  /// Used by `cspr ingest --format tree` and by snapshot tests, so it is stable and plain.
  public func treeDump(maxTextLength: Int = 80) -> String {
    var lines = ["document \(source) [\(format.rawValue)] title: \(title ?? "(none)")"]
    for warning in warnings { lines.append("  warning: \(warning)") }
    var stack: [(Section, Int)] = [(root, 0)]
    while let (section, depth) = stack.popLast() {
      let indent = String(repeating: "  ", count: depth)
      if section.level > 0 {
        let number = section.number.map { " #\($0)" } ?? ""
        lines.append("\(indent)h\(section.level)\(number) @\(section.position) \(section.heading)")
      }
      for block in section.blocks {
        lines.append(indent + "  " + Self.describe(block, maxTextLength: maxTextLength))
      }
      for child in section.children.reversed() { stack.append((child, depth + 1)) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func describe(_ block: Block, maxTextLength: Int) -> String {
    var label: String
    switch block.kind {
    case .paragraph: label = "p"
    case .listItem: label = "li" + String(repeating: ">", count: block.depth)
    case .tableRow: label = block.isHeader == true ? "th" : "tr"
    case .quote: label = "quote"
    }
    if let number = block.number { label += " [\(number)]" }
    var text = block.text.replacingNewlines()
    if text.count > maxTextLength { text = String(text.prefix(maxTextLength - 1)) + "…" }
    return "\(label) @\(block.position) \(text)"
  }
}

extension String {
  fileprivate func replacingNewlines() -> String {
    String(self.map { $0 == "\n" ? "⏎" : $0 })
  }
}
