import ArgumentParser
import Foundation

/// The root of the `cspr` command tree; each subcommand lives in its own file.
public struct CSPRCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "cspr",
    abstract: "Turn published child safeguarding practice reviews into evidence you can act on.",
    discussion: """
      cspr reads Child Safeguarding Practice Reviews and Serious Case Reviews (HTML, text, \
      Markdown, PDF), extracts their recommendations, findings and good practice, tags them with \
      themes such as voice-of-the-child, and writes themed summaries and learning packs.

      Start with:  cspr analyse corpus-samples --out reports
      """,
    version: "0.1.0",
    subcommands: [
      Analyse.self, Pack.self, Ingest.self, Extract.self, Classify.self, Themes.self, Evaluate.self,
      Train.self, Add.self, Reclassify.self, Search.self, Query.self, Bench.self,
    ]
  )

  public init() {}
}

/// The entry point the `cspr` executable calls, so it needs no import of ArgumentParser.
public enum CSPRMain {
  /// Parses the process arguments and runs the chosen subcommand, exiting with its code:
  /// 0 success, 1 when some files could not be processed, 2 for a usage error.
  public static func run() async {
    do {
      var command = try CSPRCommand.parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let stopped as Interruption.Stopped {
      FileHandle.standardError.write(Data("cspr: \(stopped.message)\n".utf8))
      exit(130)
    } catch {
      let code = CSPRCommand.exitCode(for: error)
      if code == .validationFailure {
        // ArgumentParser says 64 (EX_USAGE); cspr's convention is 2, as for most Unix tools.
        FileHandle.standardError.write(Data((CSPRCommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
      }
      CSPRCommand.exit(withError: error)
    }
  }
}
