import CSPRModel
import Foundation

/// Reads one review from bytes or a file into a ``ReviewDocument``.
public struct Ingestor: Sendable {
  /// The largest input accepted, in bytes.
  public var maxBytes: Int
  /// How long `pdftotext` may run on one file.
  public var pdfTimeoutSeconds: Int
  /// The longest line of text accepted, in bytes (a text file that is one enormous line is
  /// not a review layout anyone publishes, and would make every later stage slow).
  public var maxLineLength: Int
  /// The most blocks (paragraphs, list items, rows) one review may have.
  public var maxBlocks: Int

  /// Creates an ingestor; the defaults are generous: 200 MB, 10 MB lines, a million blocks.
  public init(
    maxBytes: Int = 200_000_000, pdfTimeoutSeconds: Int = 60, maxLineLength: Int = 10_000_000,
    maxBlocks: Int = 1_000_000
  ) {
    self.maxBytes = maxBytes
    self.pdfTimeoutSeconds = pdfTimeoutSeconds
    self.maxLineLength = maxLineLength
    self.maxBlocks = maxBlocks
  }

  /// Reads the file at `path`.
  public func read(path: String) throws(IngestError) -> ReviewDocument {
    try read(bytes: try readBytes(path: path), source: path)
  }

  /// The bytes of the file at `path`, refusing directories and files over the limit.
  public func readBytes(path: String) throws(IngestError) -> [UInt8] {
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      throw .unreadable(reason: Ingestor.describe(error, path: path))
    }
    if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
      throw .unreadable(reason: "it is a directory")
    }
    if let size = attributes[.size] as? Int, size > maxBytes {
      throw .tooLarge(bytes: size, limit: maxBytes)
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .unreadable(reason: "permission denied or the file vanished")
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.read(upToCount: maxBytes + 1) ?? Data()
    } catch {
      throw .unreadable(reason: Ingestor.describe(error, path: path))
    }
    if data.count > maxBytes { throw .tooLarge(bytes: data.count, limit: maxBytes) }
    return [UInt8](data)
  }

  /// The review id a file's bytes will have: their content hash.
  public static func id(of bytes: [UInt8]) -> String { ContentHash.hex(bytes) }

  /// Reads a review from bytes; `source` names it in citations and messages.
  public func read(bytes: [UInt8], source: String) throws(IngestError) -> ReviewDocument {
    if bytes.count > maxBytes { throw .tooLarge(bytes: bytes.count, limit: maxBytes) }
    let format = try ContentSniffer.sniff(bytes, path: source)
    let id = ContentHash.hex(bytes)
    var warnings: [String] = []
    let root: Section
    let title: String?
    switch format {
    case .html:
      let result = try HTMLReader.read(Self.withoutNULs(bytes, warnings: &warnings))
      (root, title) = (result.root, result.title)
      warnings += result.warnings
    case .text, .markdown:
      let (text, warning) = TextDecoding.decode(Self.withoutNULs(bytes, warnings: &warnings))
      if let warning { warnings.append(warning) }
      guard text.contains(where: { !$0.isWhitespace }) else { throw .empty }
      try checkLines(text)
      (root, title) = TextStructurer(markdown: format == .markdown).structure(text)
    case .pdf:
      let text = try pdfText(bytes: bytes, source: source)
      try checkLines(text)
      (root, title) = TextStructurer(markdown: false).structure(text)
    }
    if root.children.isEmpty && root.blocks.isEmpty { throw .noText(format: format) }
    let document = ReviewDocument(
      id: id, source: source, format: format, title: title, root: root, warnings: warnings,
      byteCount: bytes.count)
    let blocks = document.blockCount
    if blocks > maxBlocks { throw .limitExceeded(what: "blocks", count: blocks, limit: maxBlocks) }
    return document
  }

  /// Stray NUL bytes (damage, or a hostile file) are removed with a warning, so the rest of the
  /// file still reads.
  static func withoutNULs(_ bytes: [UInt8], warnings: inout [String]) -> [UInt8] {
    guard bytes.contains(0) else { return bytes }
    let cleaned = bytes.filter { $0 != 0 }
    warnings.append("removed \(bytes.count - cleaned.count) NUL byte(s)")
    return cleaned
  }

  /// Refuses text with a line longer than ``maxLineLength`` characters.
  private func checkLines(_ text: String) throws(IngestError) {
    var length = 0
    var line = 1
    for byte in text.utf8 {
      if byte == 0x0A {
        length = 0
        line += 1
      } else {
        length += 1
        if length > maxLineLength {
          throw .limitExceeded(
            what: "characters on line \(line)", count: length, limit: maxLineLength)
        }
      }
    }
  }

  /// PDF text: from the file itself when it exists, else from a temporary copy of the bytes.
  private func pdfText(bytes: [UInt8], source: String) throws(IngestError) -> String {
    if source != "-", FileManager.default.fileExists(atPath: source) {
      return try PDFText.extract(path: source, timeoutSeconds: pdfTimeoutSeconds)
    }
    let temporary = FileManager.default.temporaryDirectory
      .appendingPathComponent("cspr-\(UUID().uuidString).pdf")
    do {
      try Data(bytes).write(to: temporary)
    } catch {
      throw .unreadable(reason: "cannot write a temporary copy for pdftotext")
    }
    defer { try? FileManager.default.removeItem(at: temporary) }
    return try PDFText.extract(path: temporary.path, timeoutSeconds: pdfTimeoutSeconds)
  }

  /// A Foundation error in words, never `Error Domain=NSCocoaErrorDomain Code=260`.
  static func describe(_ error: any Error, path: String) -> String {
    let nsError = error as NSError
    if let posix = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      posix.domain == NSPOSIXErrorDomain, let message = strerror(Int32(posix.code))
    {
      return String(cString: message).lowercased()
    }
    switch nsError.code {
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or directory"
    case NSFileReadNoPermissionError: return "permission denied"
    default: return nsError.localizedDescription
    }
  }
}
