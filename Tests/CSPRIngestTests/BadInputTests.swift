import CSPRIngest
import CSPRModel
import Foundation
import Testing
import _CSPRTestSupport

@Suite("Bad input")
struct BadInputTests {
  @Test("an empty file is a clear error")
  func empty() {
    #expect(throws: IngestError.empty) { try Ingestor().read(bytes: [], source: "empty.txt") }
    #expect(throws: IngestError.empty) {
      try Ingestor().read(bytes: Array(" \n\t\n".utf8), source: "blank.txt")
    }
  }

  @Test("a PNG renamed .html is reported as binary")
  func binary() {
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]
    #expect(throws: IngestError.binary(what: "PNG image")) {
      try Ingestor().read(bytes: png, source: "photo.html")
    }
    let message = IngestError.binary(what: "PNG image").errorDescription ?? ""
    #expect(message.contains("PNG image"))
  }

  @Test("invalid UTF-8 text is read as Windows-1252 with a warning")
  func invalidUTF8() throws {
    let bytes: [UInt8] =
      Array("The cost was ".utf8) + [0xA3] + Array("40 and Mum said ".utf8)
      + [0x93, 0x6E, 0x6F, 0x94]
    let document = try Ingestor().read(bytes: bytes, source: "odd.txt")
    #expect(blocks(document).first?.text == "The cost was £40 and Mum said “no”")
    #expect(document.warnings == ["not valid UTF-8; read as Windows-1252"])
  }

  @Test("truncated HTML keeps what was there")
  func truncatedHTML() throws {
    let document = try readHTML(
      "<html><body><h2>Recommendations</h2><ol><li>Share information with the GP.</li><li>Revise the"
    )
    #expect(blocks(document).map(\.text) == ["Share information with the GP.", "Revise the"])
  }

  @Test("HTML nested 100,000 levels deep is read without crashing, with a warning")
  func deepNesting() throws {
    let html =
      "<html><body><p>Before.</p>" + String(repeating: "<div>", count: 100_000)
      + "deep" + String(repeating: "</div>", count: 100_000) + "<p>After.</p></body></html>"
    let document = try readHTML(html)
    #expect(blocks(document).first?.text == "Before.")
    #expect(document.warnings.contains { $0.lowercased().contains("depth") })
  }

  @Test("a 50 MB document is read")
  func largeDocument() throws {
    let paragraph =
      "4.1 The health visitor shared information with the GP about the family's housing.\n\n"
    let count = 50_000_000 / paragraph.utf8.count
    let text = "REVIEW\n\n" + String(repeating: paragraph, count: count)
    let document = try readText(text)
    #expect(document.byteCount >= 50_000_000 - paragraph.utf8.count)
    #expect(blocks(document).count == count)
  }

  @Test("a file over the size limit is refused, naming the limit")
  func overLimit() {
    #expect(throws: IngestError.tooLarge(bytes: 100, limit: 10)) {
      try Ingestor(maxBytes: 10).read(bytes: Array(repeating: 65, count: 100), source: "big.txt")
    }
  }

  @Test("an unreadable file is a clear error")
  func unreadable() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(throws: IngestError.unreadable(reason: "no such file or directory")) {
      try Ingestor().read(path: folder.appendingPathComponent("missing.html").path)
    }
    let locked = folder.appendingPathComponent("locked.txt")
    try Data("text".utf8).write(to: locked)
    try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked.path)
    if getuid() != 0 {  // root reads anything, so the permission case only holds for users
      #expect(throws: IngestError.self) { try Ingestor().read(path: locked.path) }
    }
    #expect(throws: IngestError.unreadable(reason: "it is a directory")) {
      try Ingestor().read(path: folder.path)
    }
  }

  @Test("a file that vanishes between listing and reading is a clear error")
  func vanished() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("review.txt")
    try Data("SERIOUS CASE REVIEW\n\n1. The LSCB should act.\n".utf8).write(to: file)
    let (inputs, _) = InputCollector().collect([folder.path])
    #expect(inputs == [.file(file.path)])
    try FileManager.default.removeItem(at: file)
    #expect(throws: IngestError.unreadable(reason: "no such file or directory")) {
      try Ingestor().read(path: file.path)
    }
  }

  @Test("a symlink loop in a folder is walked once")
  func symlinkLoop() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let inner = folder.appendingPathComponent("inner")
    try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
    try Data("A review.".utf8).write(to: inner.appendingPathComponent("a.txt"))
    try FileManager.default.createSymbolicLink(
      at: inner.appendingPathComponent("loop"), withDestinationURL: folder)
    let (inputs, problems) = InputCollector().collect([folder.path])
    #expect(inputs.count == 1)
    #expect(problems.isEmpty)
  }

  @Test("a PDF without a text layer says it needs OCR")
  func scannedPDF() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("scanned.pdf")
    try Data(Self.blankPDF.utf8).write(to: url)
    #expect(throws: IngestError.pdfWithoutText) { try Ingestor().read(path: url.path) }
  }

  @Test("a corrupt PDF is a pdftotext error, not a crash")
  func corruptPDF() throws {
    #expect(throws: IngestError.self) {
      try Ingestor().read(bytes: Array("%PDF-1.4\ngarbage".utf8), source: "broken.pdf")
    }
  }

  /// A one-page PDF with no text at all, as a scanner without OCR produces (minus the image).
  static let blankPDF = """
    %PDF-1.4
    1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
    2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
    3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj
    4 0 obj << /Length 0 >> stream

    endstream endobj
    trailer << /Root 1 0 R >>
    %%EOF
    """
}
