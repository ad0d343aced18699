import Foundation
import Testing
import _CSPRTestSupport

@Suite("Faults", .serialized)
struct FaultTests {
  @Test("an output file that cannot be written is reported by name, with nothing half-written")
  func blockedOutputFile() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A folder where a report file should go: the rename onto it fails.
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("out/overview.md"), withIntermediateDirectories: true)
    let out = folder.appendingPathComponent("out")
    try Data("overview.md\n".utf8).write(to: out.appendingPathComponent(".cspr-manifest"))
    let result = try TestSupport.run([
      "analyse", TestSupport.sample("cspr-sudi-baby-b.txt"), "--out", out.path, "--format",
      "markdown",
    ])
    #expect(result.status != 0)
    #expect(result.stderr.contains("overview.md"))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter {
      $0.hasSuffix(".tmp")
    }
    #expect(leftovers.isEmpty)
  }

  @Test("a missing pdftotext names the package to install; the other files are still read")
  func missingPdftotext() throws {
    let result = try runWithPath(
      "/nonexistent",
      [
        "ingest", TestSupport.sample("scr-non-mobile-baby.pdf"),
        TestSupport.sample("cspr-sudi-baby-b.txt"),
      ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("apt-get install poppler-utils"))
    #expect(result.stdout.contains("cspr-sudi-baby-b.txt"))
  }

  @Test("a pdftotext that hangs is stopped after the timeout")
  func hangingPdftotext() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fake = folder.appendingPathComponent("pdftotext")
    try Data("#!/bin/sh\nsleep 30\n".utf8).write(to: fake)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
    let start = Date()
    let result = try runWithPath(
      folder.path + ":/usr/bin:/bin",
      ["ingest", "--pdf-timeout", "1", TestSupport.sample("scr-non-mobile-baby.pdf")])
    #expect(result.status == 1)
    #expect(result.stderr.contains("did not finish within 1 s"))
    #expect(Date().timeIntervalSince(start) < 20)
  }

  @Test("Ctrl-C during analyse stops cleanly and writes no partial reports")
  func interruptAnalyse() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = try copies(400, in: folder)
    let out = folder.appendingPathComponent("out")
    let (status, stderr) = try interrupt(
      ["analyse", corpus.path, "--out", out.path, "--jobs", "1"], after: 1.0)
    #expect(status == 130)
    #expect(stderr.contains("interrupted after"))
    #expect(stderr.contains("no reports were written"))
    let written = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
    #expect(!written.contains("overview.html"))
    #expect(!written.contains { $0.hasSuffix(".tmp") })
  }

  @Test("Ctrl-C during add stops after whole reviews; the next add carries on")
  func interruptAdd() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = try copies(300, in: folder)
    let db = folder.appendingPathComponent("s.sqlite").path
    let (status, stderr) = try interrupt(
      ["add", corpus.path, "--db", db, "--jobs", "1"], after: 1.0)
    #expect(status == 130)
    #expect(stderr.contains("each complete"))
    let again = try TestSupport.run(["add", corpus.path, "--db", db])
    #expect(again.status == 0)
    #expect(again.stderr.contains("holds 300 reviews"))
  }

  /// A folder of `count` distinct copies of a sample review.
  private func copies(_ count: Int, in folder: URL) throws -> URL {
    let corpus = folder.appendingPathComponent("corpus")
    try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    let text = try String(
      contentsOfFile: TestSupport.sample("scr-2016-text-from-pdf.txt"), encoding: .utf8)
    for index in 0..<count {
      try Data((text + "\nCopy \(index).\n").utf8).write(
        to: corpus.appendingPathComponent("r\(index).txt"))
    }
    return corpus
  }

  private func runWithPath(_ path: String, _ arguments: [String]) throws -> TestSupport.RunResult {
    try TestSupport.run(arguments, environment: ["PATH": path])
  }

  private func interrupt(_ arguments: [String], after seconds: Double) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = TestSupport.binary
    process.arguments = arguments
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: seconds)
    kill(process.processIdentifier, SIGINT)
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: errors, as: UTF8.self))
  }
}
