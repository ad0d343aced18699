import Foundation

/// Paths and helpers shared by every test target.
public enum TestSupport {
  /// The repository's root folder, found from this file's location.
  public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The sample corpus.
  public static var samples: URL { repositoryRoot.appendingPathComponent("corpus-samples") }

  /// The path of one sample.
  public static func sample(_ name: String) -> String {
    samples.appendingPathComponent(name).path
  }

  /// A fresh temporary folder, removed by the caller with `removeItem`.
  public static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("cspr-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The built `cspr` binary (`CSPR_BIN` overrides; `scripts/test` builds it first).
  public static var binary: URL {
    if let path = ProcessInfo.processInfo.environment["CSPR_BIN"] {
      return URL(fileURLWithPath: path)
    }
    return repositoryRoot.appendingPathComponent(".build/debug/cspr")
  }

  /// What a run of the binary printed and how it ended.
  public struct RunResult: Sendable {
    /// Standard output.
    public var stdout: String
    /// Standard error.
    public var stderr: String
    /// The exit status.
    public var status: Int32
  }

  /// Runs the `cspr` binary with `arguments`, feeding `input` on standard input.
  public static func run(
    _ arguments: [String], input: Data? = nil, in directory: URL? = nil,
    environment: [String: String]? = nil
  ) throws -> RunResult {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let environment { process.environment = environment }
    process.currentDirectoryURL = directory ?? repositoryRoot
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(input) }
    try inPipe.fileHandleForWriting.close()
    let group = DispatchGroup()
    let box = OutputBox()
    for (pipe, isOut) in [(out, true), (err, false)] {
      group.enter()
      DispatchQueue.global().async {
        box.set(pipe.fileHandleForReading.readDataToEndOfFile(), isOut: isOut)
        group.leave()
      }
    }
    group.wait()
    process.waitUntilExit()
    return RunResult(
      stdout: String(decoding: box.out, as: UTF8.self),
      stderr: String(decoding: box.err, as: UTF8.self), status: process.terminationStatus)
  }

  private final class OutputBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storedOut = Data()
    private var storedErr = Data()
    func set(_ data: Data, isOut: Bool) {
      lock.lock()
      defer { lock.unlock() }
      if isOut { storedOut = data } else { storedErr = data }
    }
    var out: Data { lock.withLock { storedOut } }
    var err: Data { lock.withLock { storedErr } }
  }
}

/// Text with spans marked inline as `⟦name⟧…⟦/name⟧`, so tests state expected spans without
/// hard-coding offsets (after swift-format's `MarkedText`).
public struct MarkedText: Sendable {
  /// The text with the marks removed.
  public var text: String
  /// Each mark's name and its span, in `Character` offsets of ``text``.
  public var spans: [String: Range<Int>]

  /// Parses marked text.
  public init(_ marked: String) {
    var text = ""
    var spans: [String: Range<Int>] = [:]
    var open: [String: Int] = [:]
    var rest = Substring(marked)
    while let start = rest.firstIndex(of: "⟦") {
      text += rest[..<start]
      guard let end = rest[start...].firstIndex(of: "⟧") else { break }
      let name = rest[rest.index(after: start)..<end]
      if name.hasPrefix("/") {
        let key = String(name.dropFirst())
        if let begin = open.removeValue(forKey: key) { spans[key] = begin..<text.count }
      } else {
        open[String(name)] = text.count
      }
      rest = rest[rest.index(after: end)...]
    }
    text += rest
    self.text = text
    self.spans = spans
  }
}

/// Golden-file comparison: `Snapshots/<name>` beside the calling test file.
///
/// With `RECORD_SNAPSHOTS=1` the file is rewritten and the comparison reports a failure, so a
/// recording run can never pass silently (after swift-argument-parser's `assertSnapshot`).
public enum Snapshot {
  /// Nil when `actual` equals the stored snapshot; otherwise a message explaining the difference.
  public static func mismatch(_ actual: String, named name: String, testFile: String = #filePath)
    -> String?
  {
    let folder = URL(fileURLWithPath: testFile).deletingLastPathComponent()
      .appendingPathComponent("Snapshots")
    let url = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try? Data(actual.utf8).write(to: url)
      return "recorded snapshot \(name); run again without RECORD_SNAPSHOTS to compare"
    }
    guard let data = try? Data(contentsOf: url) else {
      return "no snapshot \(url.path); record it with RECORD_SNAPSHOTS=1"
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected == actual { return nil }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(a.count, e.count) {
      let left = index < e.count ? String(e[index]) : "<end>"
      let right = index < a.count ? String(a[index]) : "<end>"
      if left != right {
        return
          "snapshot \(name) differs at line \(index + 1):\n  expected: \(left)\n  actual:   \(right)"
      }
    }
    return "snapshot \(name) differs"
  }
}
