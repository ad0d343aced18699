import CSPRModel
import Foundation

/// Decides a file's format from its first bytes, with the extension as a tie-breaker.
enum ContentSniffer {
  /// The format, or an error for content that is no review at all.
  static func sniff(_ bytes: [UInt8], path: String) throws(IngestError) -> SourceFormat {
    if bytes.isEmpty { throw .empty }
    if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
    if let what = binaryKind(bytes) { throw .binary(what: what) }
    let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
    let trimmed = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
    if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html")
      || (trimmed.hasPrefix("<?xml") && head.contains("<html"))
      || (trimmed.hasPrefix("<") && htmlMarkers.contains { head.contains($0) })
    {
      return .html
    }
    let ext = (path as NSString).pathExtension.lowercased()
    if ["html", "htm", "xhtml"].contains(ext), htmlMarkers.contains(where: { head.contains($0) }) {
      return .html
    }
    if ["md", "markdown"].contains(ext) { return .markdown }
    return .text
  }

  private static let htmlMarkers = ["<body", "<head", "<p>", "<p ", "<div", "<h1", "<h2", "<table"]

  /// Names the kind of a binary file, or nil when the bytes look like text.
  static func binaryKind(_ bytes: [UInt8]) -> String? {
    let signatures: [([UInt8], String)] = [
      ([0x89, 0x50, 0x4E, 0x47], "PNG image"), ([0xFF, 0xD8, 0xFF], "JPEG image"),
      (Array("GIF8".utf8), "GIF image"), ([0x50, 0x4B, 0x03, 0x04], "ZIP archive or Office file"),
      ([0x1F, 0x8B], "gzip archive"), ([0xD0, 0xCF, 0x11, 0xE0], "old Microsoft Office file"),
      ([0x7F, 0x45, 0x4C, 0x46], "executable"),
    ]
    for (magic, name) in signatures where bytes.starts(with: magic) { return name }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
    let sample = bytes.prefix(8192)
    // A stray NUL or control byte in a text file is damage to read past; many are binary data.
    let controls = sample.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20 && $0 != 0x1B) }.count
    if controls * 20 > sample.count { return "unrecognised binary data" }
    return nil
  }
}
