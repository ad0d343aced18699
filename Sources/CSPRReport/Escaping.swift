/// Escaping at the point of writing: every string from a review is untrusted.
public enum Escape {
  /// Text for HTML and SVG element content and attribute values.
  public static func html(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case "<": out.append(contentsOf: "&lt;".unicodeScalars)
      case ">": out.append(contentsOf: "&gt;".unicodeScalars)
      case "&": out.append(contentsOf: "&amp;".unicodeScalars)
      case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
      case "'": out.append(contentsOf: "&#39;".unicodeScalars)
      default: if !isInvisibleControl(scalar) { out.append(scalar) }
      }
    }
    return String(out)
  }

  /// Characters that start Markdown markup.
  private static let markdownSpecials: Set<Unicode.Scalar> = Set("\\`*_[]<>|#~!".unicodeScalars)

  /// Text for Markdown: characters that would start markup are backslash-escaped, line breaks
  /// become spaces, and bidirectional overrides are removed, so review text reads as text.
  public static func markdown(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var first = true
    for scalar in text.unicodeScalars {
      if scalar == "\n" || scalar == "\r" {
        out.append(" ")
      } else if isInvisibleControl(scalar) {
        continue
      } else {
        // A leading "-" or "+" would start a list inside a table cell or paragraph.
        if markdownSpecials.contains(scalar) || (first && (scalar == "-" || scalar == "+")) {
          out.append("\\")
        }
        out.append(scalar)
      }
      first = false
    }
    return String(out)
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
