/// Escaping at the point of writing: every string from a review is untrusted.
public enum Escape {
  /// Text for HTML and SVG element content and attribute values.
  public static func html(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
          isInvisibleControl(scalar)
        {
          continue
        }
        out.append(character)
      }
    }
    return out
  }

  /// Text for Markdown: characters that would start markup are backslash-escaped, line breaks
  /// become spaces, and bidirectional overrides are removed, so review text reads as text.
  public static func markdown(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for character in text {
      if character == "\n" || character == "\r" {
        out.append(" ")
        continue
      }
      if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
        isInvisibleControl(scalar)
      {
        continue
      }
      if "\\`*_[]<>|#~!".contains(character) { out.append("\\") }
      out.append(character)
    }
    // A leading "-", "+" or "1." would start a list inside a table cell or paragraph.
    if let first = out.first, "-+".contains(first) { out.insert("\\", at: out.startIndex) }
    return out
  }

  /// A safe file name from any text: lowercase letters, digits and hyphens, at most 60.
  public static func fileName(_ text: String) -> String {
    var out = ""
    var lastHyphen = true
    for character in text.lowercased() {
      if character.isASCII && (character.isLetter || character.isNumber) {
        out.append(character)
        lastHyphen = false
      } else if !lastHyphen {
        out.append("-")
        lastHyphen = true
      }
      if out.count >= 60 { break }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "untitled" : out
  }

  /// Control characters and bidirectional overrides that change how text displays.
  static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 { return value != 0x09 && value != 0x0A }
    if (0x7F...0x9F).contains(value) { return true }
    return (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
      || value == 0x200E || value == 0x200F
  }
}
