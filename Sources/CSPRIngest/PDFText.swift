import Foundation

/// Turns a PDF into text with poppler's `pdftotext -layout`, with a time limit.
enum PDFText {
  /// Runs `pdftotext -layout -enc UTF-8 FILE -` and returns its output.
  static func extract(path: String, timeoutSeconds: Int = 60) throws(IngestError) -> String {
    guard let tool = findTool("pdftotext") else { throw .pdftotextMissing }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["-layout", "-enc", "UTF-8", path, "-"]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .pdftotextFailed(status: -1, message: error.localizedDescription)
    }
    // Read both pipes while the process runs so a full pipe cannot stall it.
    let collected = Collected()
    let group = DispatchGroup()
    for (pipe, isOutput) in [(output, true), (errors, false)] {
      group.enter()
      DispatchQueue.global().async {
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        collected.store(data, isOutput: isOutput)
        group.leave()
      }
    }
    if group.wait(timeout: .now() + .seconds(timeoutSeconds)) == .timedOut {
      process.terminate()
      _ = group.wait(timeout: .now() + .seconds(2))
      throw .pdftotextTimedOut(seconds: timeoutSeconds)
    }
    process.waitUntilExit()
    let (data, errorData) = collected.values
    guard process.terminationStatus == 0 else {
      let message =
        String(decoding: errorData, as: UTF8.self)
        .split(separator: "\n").first.map(String.init) ?? ""
      throw .pdftotextFailed(status: process.terminationStatus, message: message)
    }
    let text = String(decoding: data, as: UTF8.self)
    let visible = text.unicodeScalars.lazy.filter { !$0.properties.isWhitespace }.count
    let pages = max(1, text.filter { $0 == "\u{0C}" }.count)
    if visible < 20 * pages { throw .pdfWithoutText }
    return text
  }

  /// The first executable named `name` on `PATH`.
  static func findTool(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Output gathered from two reader threads.
  private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()

    func store(_ data: Data, isOutput: Bool) {
      lock.lock()
      defer { lock.unlock() }
      if isOutput { output = data } else { errors = data }
    }

    var values: (Data, Data) {
      lock.lock()
      defer { lock.unlock() }
      return (output, errors)
    }
  }
}
