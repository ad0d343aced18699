import Foundation
import Synchronization

/// Ctrl-C (SIGINT) as a request to stop cleanly: no new file is started, the files in hand finish,
/// and the command then says what was and was not done.
///
/// A second Ctrl-C stops at once.
enum Interruption {
  private static let requested = Atomic<Int>(0)
  private static let source = Mutex<(any DispatchSourceSignal)?>(nil)

  /// Whether a stop has been asked for.
  static var isRequested: Bool { requested.load(ordering: .relaxed) > 0 }

  /// Starts listening for SIGINT (once per process).
  static func install() {
    source.withLock { current in
      guard current == nil else { return }
      signal(SIGINT, SIG_IGN)
      let signalSource = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
      signalSource.setEventHandler {
        if requested.add(1, ordering: .relaxed).newValue > 1 { exit(130) }
        FileHandle.standardError.write(
          Data("\ncspr: stopping after the files in hand (Ctrl-C again to stop at once)…\n".utf8))
      }
      signalSource.resume()
      current = signalSource
    }
  }

  /// The error a command ends with when it stopped early.
  struct Stopped: LocalizedError {
    var message: String
    var errorDescription: String? { message }
  }
}
