import CSPRIngest
import CSPRModel
import Foundation

/// Runs the per-file stages over many inputs on a bounded number of worker tasks, handing the
/// results back in input order so output stays deterministic whatever the scheduling.
enum Pipeline {
  /// What happened to one input.
  enum Outcome<T: Sendable>: Sendable {
    case done(T, warnings: [String])
    case skipped
    case failed(String)
  }

  /// Reads and transforms every input; `consume` sees each result in input order.
  static func run<T: Sendable>(
    _ inputs: [InputSource], jobs: Int, ingestor: Ingestor, diagnostics: Diagnostics,
    skip: (@Sendable (String, [UInt8]) -> Bool)? = nil,
    transform: @escaping @Sendable (ReviewDocument) throws -> T,
    consume: (InputSource, T) throws -> Void
  ) async throws {
    let progress = Progress(total: inputs.count)
    let jobs = max(1, jobs)
    Interruption.install()
    let delivered = try await withThrowingTaskGroup(of: (Int, Outcome<T>).self) { group in
      var next = 0
      var pending: [Int: Outcome<T>] = [:]
      var delivered = 0
      func launch(_ index: Int) {
        let input = inputs[index]
        group.addTask {
          (index, process(input, ingestor: ingestor, skip: skip, transform: transform))
        }
      }
      while next < min(jobs, inputs.count) {
        launch(next)
        next += 1
      }
      while let (index, outcome) = try await group.next() {
        pending[index] = outcome
        while let ready = pending.removeValue(forKey: delivered) {
          let input = inputs[delivered]
          switch ready {
          case .done(let value, let warnings):
            for warning in warnings { diagnostics.warn(input.name, warning) }
            try consume(input, value)
          case .skipped:
            break
          case .failed(let reason):
            diagnostics.fail(input.name, reason)
          }
          delivered += 1
          progress.advance(input.name)
        }
        // Results wait here only while an earlier file is still being read; launching is held
        // back when too many wait, so one slow file cannot make memory grow with the corpus.
        while next < inputs.count && next - delivered < jobs * 4 && !Interruption.isRequested
          && next - delivered - pending.count < jobs
        {
          launch(next)
          next += 1
        }
      }
      return delivered
    }
    progress.finish()
    if Interruption.isRequested {
      throw Interruption.Stopped(message: "interrupted after \(delivered) of \(inputs.count) files")
    }
  }

  private static func process<T: Sendable>(
    _ input: InputSource, ingestor: Ingestor, skip: (@Sendable (String, [UInt8]) -> Bool)?,
    transform: @Sendable (ReviewDocument) throws -> T
  ) -> Outcome<T> {
    do {
      let bytes: [UInt8]
      switch input {
      case .file(let path):
        bytes = try ingestor.readBytes(path: path)
      case .standardInput:
        bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
      }
      if let skip, skip(input.name, bytes) { return .skipped }
      let document = try ingestor.read(bytes: bytes, source: input.name)
      return .done(try transform(document), warnings: document.warnings)
    } catch {
      return .failed((error as? any LocalizedError)?.errorDescription ?? "\(error)")
    }
  }

  /// The default number of workers: every core.
  static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// A one-line progress indicator on standard error, shown only on a terminal and only once the
/// work has taken more than a moment.
final class Progress {
  private let total: Int
  private var done = 0
  private let start = Date()
  private var shown = false
  private let enabled: Bool

  init(total: Int) {
    self.total = total
    enabled = isatty(STDERR_FILENO) == 1 && total > 1
  }

  func advance(_ name: String) {
    done += 1
    guard enabled, Date().timeIntervalSince(start) > 0.5 else { return }
    shown = true
    let width = 24
    let filled = total == 0 ? width : done * width / total
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    let shortName = name.count > 40 ? "…" + name.suffix(39) : name
    Diagnostics.standardError("\r\u{1B}[2K\(bar) \(done)/\(total) \(shortName)")
  }

  func finish() {
    if shown { Diagnostics.standardError("\r\u{1B}[2K") }
  }
}
