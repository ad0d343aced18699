import ArgumentParser
import CSPRClassify
import Foundation
import Yams

extension CSPRCommand {
  /// `cspr themes`: list the taxonomy.
  struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the themes of the taxonomy, with definitions and vocabulary size.",
      discussion: """
        Examples:
          cspr themes                              a table of ids, groups and labels
          cspr themes --format yaml > mine.yaml    the full taxonomy, to adapt
          cspr themes --taxonomy local.yaml        the default with a partnership's changes

        A phrase that an exclusion of its own theme always covers (after stemming, an \
        exclusion "refers to" also reads "refer to children's social care") is named in a \
        warning, since it can never count.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, json, yaml
    }

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .table

    @OptionGroup var taxonomyOption: TaxonomyFileOption

    func run() throws {
      let taxonomy = try taxonomyOption.load()
      let classifier = Classifier(taxonomy: taxonomy, language: try LanguageList.load())
      for (theme, phrase) in classifier.cancelledPhrases() {
        Diagnostics.standardError(
          "cspr: warning: theme \(theme): the phrase '\(phrase)' can never count, because an "
            + "exclusion of the theme covers it\n")
      }
      var out = StandardOutput()
      switch format {
      case .table:
        out.write("id                           group           phrases  label\n")
        for theme in taxonomy.themes {
          out.write(
            theme.id.padding(toLength: 29, withPad: " ", startingAt: 0)
              + theme.group.padding(toLength: 16, withPad: " ", startingAt: 0)
              + String(format: "%7d  ", theme.phrases.count) + theme.label + "\n")
        }
        out.write(
          "\n\(taxonomy.themes.count) themes; an item needs a score of \(taxonomy.threshold) for a theme.\n"
        )
      case .json:
        out.write(try JSONCoding.pretty(taxonomy.themes) + "\n")
      case .yaml:
        let encoder = YAMLEncoder()
        out.write(
          try encoder.encode(
            ThemesFile(
              version: 1, threshold: PlainNumber(taxonomy.threshold),
              relativeCutoff: PlainNumber(taxonomy.relativeCutoff),
              maxThemes: taxonomy.maxThemes, calibration: taxonomy.calibration,
              negationCues: taxonomy.negationCues, themes: taxonomy.themes)))
      }
      out.flush()
    }

    /// The taxonomy file's shape, for `--format yaml`.
    struct ThemesFile: Encodable {
      var version: Int
      var threshold: PlainNumber
      var relativeCutoff: PlainNumber
      var maxThemes: Int
      var calibration: [Taxonomy.CalibrationStep]
      var negationCues: [String]
      var themes: [Taxonomy.Theme]

      enum CodingKeys: String, CodingKey {
        case version, threshold, calibration, themes
        case relativeCutoff = "relative_cutoff"
        case maxThemes = "max_themes"
        case negationCues = "negation_cues"
      }
    }
  }
}
