import Foundation
import Yams

/// Reads taxonomy YAML: the bundled default and a partnership's overlay.
///
/// An overlay adds to or overrides the default. Every error names the file, line and column.
public enum TaxonomyLoader {
  /// The bundled default taxonomy.
  public static func bundled() throws -> Taxonomy {
    guard let url = Bundle.module.url(forResource: "taxonomy", withExtension: "yaml"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else {
      throw TaxonomyError(file: "default", message: "the bundled taxonomy is missing")
    }
    return try parse(text, file: "default taxonomy")
  }

  /// The default taxonomy with the file at `path` applied on top, if given.
  public static func load(overlay path: String?) throws -> Taxonomy {
    var taxonomy = try bundled()
    if let path {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw TaxonomyError(file: path, message: "cannot read the file")
      }
      guard let text = String(data: data, encoding: .utf8) else {
        throw TaxonomyError(file: path, message: "not valid UTF-8")
      }
      taxonomy = try apply(text, file: path, to: taxonomy)
    }
    return taxonomy
  }

  /// Parses a complete taxonomy.
  public static func parse(_ text: String, file: String) throws -> Taxonomy {
    let empty = Taxonomy(themes: [], negationCues: [], threshold: 2)
    return try apply(text, file: file, to: empty, requireComplete: true)
  }

  /// Applies a taxonomy file to `base`: new ids are added; an existing id's fields are
  /// replaced by those given and its phrases and exclusions extended (or replaced with
  /// `replace_phrases: true`); `remove: true` drops a theme.
  public static func apply(
    _ text: String, file: String, to base: Taxonomy, requireComplete: Bool = false
  ) throws -> Taxonomy {
    let root = try NodeReader.compose(text, file: file)
    let reader = NodeReader(file: file)
    guard let top = root.mapping else {
      throw reader.error(root, "expected a mapping with `themes:` at the top level")
    }
    var taxonomy = base
    for (key, value) in top {
      switch key.string ?? "" {
      case "version":
        guard value.int == 1 else { throw reader.error(value, "unsupported version (expected 1)") }
      case "threshold":
        guard let number = value.float, number > 0 else {
          throw reader.error(value, "threshold must be a positive number")
        }
        taxonomy.threshold = number
      case "relative_cutoff":
        guard let number = value.float, (0...1).contains(number) else {
          throw reader.error(value, "relative_cutoff must be a number from 0 to 1")
        }
        taxonomy.relativeCutoff = number
      case "max_themes":
        guard let number = value.int, number > 0 else {
          throw reader.error(value, "max_themes must be a whole number above 0")
        }
        taxonomy.maxThemes = number
      case "calibration":
        taxonomy.calibration = try reader.calibration(value)
      case "negation_cues":
        taxonomy.negationCues = Array(Set(taxonomy.negationCues + (try reader.strings(value))))
          .sorted()
      case "themes":
        guard let sequence = value.sequence else {
          throw reader.error(value, "`themes` must be a list")
        }
        var seen: Set<String> = []
        for node in sequence {
          try applyTheme(
            node, reader: reader, to: &taxonomy, seen: &seen, requireComplete: requireComplete)
        }
      default:
        throw reader.error(
          key,
          "unknown key `\(key.string ?? "?")` (expected version, threshold, relative_cutoff, max_themes, calibration, negation_cues, themes)"
        )
      }
    }
    if requireComplete && taxonomy.themes.isEmpty {
      throw reader.error(root, "no themes defined")
    }
    return taxonomy
  }

  private static func applyTheme(
    _ node: Node, reader: NodeReader, to taxonomy: inout Taxonomy, seen: inout Set<String>,
    requireComplete: Bool
  ) throws {
    guard let mapping = node.mapping else {
      throw reader.error(node, "each theme must be a mapping")
    }
    guard let idNode = node["id"], let id = idNode.string else {
      throw reader.error(node, "theme without an `id`")
    }
    guard Taxonomy.isValidID(id) else {
      throw reader.error(
        idNode, "invalid theme id `\(id)`: use lowercase letters, digits and hyphens")
    }
    guard seen.insert(id).inserted else {
      throw reader.error(idNode, "theme `\(id)` is defined twice")
    }
    let known: Set<String> = [
      "id", "label", "group", "definition", "phrases", "exclude", "questions", "remove",
      "replace_phrases", "generic",
    ]
    for (key, _) in mapping where !known.contains(key.string ?? "") {
      throw reader.error(key, "unknown theme key `\(key.string ?? "?")`")
    }
    if node["remove"]?.bool == true {
      taxonomy.themes.removeAll { $0.id == id }
      return
    }
    let existing = taxonomy.themes.firstIndex { $0.id == id }
    if existing == nil || requireComplete {
      for required in ["label", "group", "definition", "phrases"] where node[required] == nil {
        throw reader.error(node, "theme `\(id)` needs `\(required)`")
      }
    }
    var theme =
      existing.map { taxonomy.themes[$0] }
      ?? Taxonomy.Theme(
        id: id, label: id, group: "practice", definition: "", phrases: [], exclude: [],
        questions: Taxonomy.Questions(practitioners: [], managers: []))
    if let label = node["label"] { theme.label = try reader.string(label) }
    if let definition = node["definition"] { theme.definition = try reader.string(definition) }
    if let group = node["group"] {
      let value = try reader.string(group)
      guard Taxonomy.groups.contains(value) else {
        throw reader.error(
          group,
          "unknown group `\(value)` (expected \(Taxonomy.groups.sorted().joined(separator: ", ")))")
      }
      theme.group = value
    }
    if let phrasesNode = node["phrases"] {
      let phrases = try reader.phrases(phrasesNode)
      theme.phrases = node["replace_phrases"]?.bool == true ? phrases : theme.phrases + phrases
    }
    if let exclude = node["exclude"] { theme.exclude += try reader.strings(exclude) }
    if let generic = node["generic"] {
      guard let value = generic.bool else {
        throw reader.error(generic, "`generic` must be true or false")
      }
      theme.generic = value
    }
    if let questions = node["questions"] {
      if let practitioners = questions["practitioners"] {
        theme.questions.practitioners = try reader.strings(practitioners)
      }
      if let managers = questions["managers"] {
        theme.questions.managers = try reader.strings(managers)
      }
    }
    if let existing { taxonomy.themes[existing] = theme } else { taxonomy.themes.append(theme) }
  }

  static func located(_ error: YamlError, file: String) -> TaxonomyError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return TaxonomyError(file: file, line: mark.line, column: mark.column, message: problem)
    default:
      return TaxonomyError(file: file, message: "\(error)")
    }
  }
}

/// Typed access to YAML nodes that reports errors at the node's position.
struct NodeReader {
  var file: String

  /// The document's root node; a syntax error or an empty file is a located error.
  static func compose(_ text: String, file: String) throws -> Node {
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw TaxonomyError(file: file, line: 1, column: 1, message: "the file is empty")
      }
      return node
    } catch let error as YamlError {
      throw TaxonomyLoader.located(error, file: file)
    }
  }

  func error(_ node: Node, _ message: String) -> TaxonomyError {
    TaxonomyError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
  }

  func string(_ node: Node) throws -> String {
    guard let scalar = node.scalar else { throw error(node, "expected text") }
    return scalar.string
  }

  func strings(_ node: Node) throws -> [String] {
    guard let sequence = node.sequence else { throw error(node, "expected a list") }
    return try sequence.map { try string($0) }
  }

  /// `[{ score: 2, confidence: 0.43 }, …]`: scores rising, confidence never falling.
  func calibration(_ node: Node) throws -> [Taxonomy.CalibrationStep] {
    guard let sequence = node.sequence else {
      throw error(node, "`calibration` must be a list of { score, confidence }")
    }
    var steps: [Taxonomy.CalibrationStep] = []
    for entry in sequence {
      for (key, _) in entry.mapping ?? [:]
      where !["score", "confidence"].contains(key.string ?? "") {
        throw error(
          key, "unknown calibration key `\(key.string ?? "?")` (expected score and confidence)")
      }
      guard let scoreNode = entry["score"], let score = scoreNode.float, score >= 0 else {
        throw error(entry, "a calibration step needs a `score` of 0 or more")
      }
      guard let confidenceNode = entry["confidence"], let confidence = confidenceNode.float,
        (0...1).contains(confidence)
      else {
        throw error(entry, "a calibration step needs a `confidence` from 0 to 1")
      }
      if let last = steps.last {
        guard score > last.score else {
          throw error(scoreNode, "calibration scores must rise from step to step")
        }
        guard confidence >= last.confidence else {
          throw error(confidenceNode, "calibration confidence must not fall as the score rises")
        }
      }
      steps.append(Taxonomy.CalibrationStep(score: score, confidence: confidence))
    }
    return steps
  }

  func phrases(_ node: Node) throws -> [Taxonomy.Phrase] {
    guard let sequence = node.sequence else { throw error(node, "`phrases` must be a list") }
    return try sequence.map { entry in
      if let text = entry.scalar?.string { return Taxonomy.Phrase(text: text, weight: 1) }
      // An unquoted comma in `{ text: a, b, weight: 2 }` makes `b` a key: refuse it rather
      // than silently match only `a`.
      for (key, _) in entry.mapping ?? [:] where !["text", "weight"].contains(key.string ?? "") {
        throw error(
          key,
          "unknown phrase key `\(key.string ?? "?")` (expected text and weight; quote a phrase "
            + "that contains a comma or a colon)")
      }
      guard let textNode = entry["text"], let text = textNode.scalar?.string else {
        throw error(entry, "a phrase needs `text`")
      }
      guard !Normaliser.stems(text).isEmpty else {
        throw error(textNode, "the phrase has no words")
      }
      var weight = 1.0
      if let weightNode = entry["weight"] {
        guard let value = weightNode.float, value > 0, value <= 10 else {
          throw error(weightNode, "weight must be a number above 0 and at most 10")
        }
        weight = value
      }
      return Taxonomy.Phrase(text: text, weight: weight)
    }
  }
}
