import Foundation
import Synchronization

/// Collects per-file problems, prints each as `path: reason` on standard error, and decides the
/// exit code at the end: 0 when every file was read, 1 when some could not be.
final class Diagnostics: Sendable {
  private let failures = Mutex(0)
  private let useColour: Bool

  init() {
    useColour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }

  /// Reports a file that could not be processed.
  func fail(_ path: String, _ reason: String) {
    failures.withLock { $0 += 1 }
    write(path, reason, label: "error", colour: "31")
  }

  /// Reports a problem that did not stop the file from being processed.
  func warn(_ path: String, _ reason: String) {
    write(path, reason, label: "warning", colour: "33")
  }

  /// The number of files that failed.
  var failureCount: Int { failures.withLock { $0 } }

  private func write(_ path: String, _ reason: String, label: String, colour: String) {
    let prefix = useColour ? "\u{1B}[\(colour)m\(label)\u{1B}[0m" : label
    Self.standardError("\(path): \(prefix): \(reason)\n")
  }

  /// Writes text to standard error, unbuffered.
  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
