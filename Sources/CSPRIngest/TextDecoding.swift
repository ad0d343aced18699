import Foundation

/// Turns bytes into text: UTF-8 (with or without a byte-order mark), UTF-16 with a mark,
/// and Windows-1252 as the fallback that council web sites and old exports often need.
enum TextDecoding {
  /// The text and, when a fallback was used, a warning saying so.
  static func decode(_ bytes: [UInt8]) -> (text: String, warning: String?) {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return decode(Array(bytes.dropFirst(3)))
    }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let data = Data(bytes)
      if let text = String(data: data, encoding: .utf16) { return (text, nil) }
    }
    if let text = String(validating: bytes, as: UTF8.self) { return (text, nil) }
    return (windows1252(bytes), "not valid UTF-8; read as Windows-1252")
  }

  /// Whether the bytes are valid UTF-8 (a byte-order mark allowed).
  static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    String(validating: bytes, as: UTF8.self) != nil
  }

  /// Decodes Windows-1252, mapping its 0x80–0x9F block to the characters Windows shows.
  static func windows1252(_ bytes: [UInt8]) -> String {
    var scalars = String.UnicodeScalarView()
    scalars.reserveCapacity(bytes.count)
    for byte in bytes {
      if (0x80...0x9F).contains(byte) {
        let code = high[Int(byte - 0x80)]
        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
      } else {
        scalars.append(Unicode.Scalar(byte))
      }
    }
    return String(scalars)
  }

  /// Windows-1252 code points for bytes 0x80–0x9F (undefined bytes map to themselves).
  private static let high: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  ]
}
