/// CSV as spreadsheets expect it: RFC 4180 quoting, CRLF line ends, and cells that would start
/// a formula (`=`, `+`, `-`, `@`, tab, carriage return) neutralised with a leading apostrophe,
/// so review text such as `=HYPERLINK(…)` shows as text in Excel instead of running.
public enum CSV {
  /// The UTF-8 byte-order mark that makes Excel open a file as UTF-8.
  public static let byteOrderMark = "\u{FEFF}"

  /// One row, ending in CRLF.
  public static func row(_ cells: [String]) -> String {
    cells.map(cell).joined(separator: ",") + "\r\n"
  }

  /// One cell, neutralised and quoted as needed.
  public static func cell(_ raw: String) -> String {
    var value = String(raw.unicodeScalars.filter { !Escape.isInvisibleControl($0) })
    if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      value = "'" + value
    }
    let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
    if !needsQuotes { return value }
    var quoted = "\""
    for character in value {
      if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
    }
    return quoted + "\""
  }
}
