import Foundation
import Yams

/// The themes items are classified into, with their vocabulary and reflective questions.
public struct Taxonomy: Sendable {
  /// One weighted phrase of a theme's vocabulary.
  public struct Phrase: Sendable, Hashable, Codable {
    /// The phrase as written in the taxonomy.
    public var text: String
    /// 3 decisive alone, 2 strong, 1 weak (counts only with other evidence).
    public var weight: Double

    /// Creates a phrase.
    public init(text: String, weight: Double) {
      self.text = text
      self.weight = weight
    }

    enum CodingKeys: String, CodingKey { case text, weight }

    /// Writes the weight as a plain number (`3`, not YAML's `3e+0`).
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(text, forKey: .text)
      try container.encode(PlainNumber(weight), forKey: .weight)
    }
  }

  /// Reflective questions for the learning packs.
  public struct Questions: Sendable, Hashable, Codable {
    /// Questions for practitioners.
    public var practitioners: [String]
    /// Questions for managers and leaders.
    public var managers: [String]
  }

  /// One theme.
  public struct Theme: Sendable, Hashable, Codable {
    /// The public id (`voice-of-the-child`).
    public var id: String
    /// The label people read.
    public var label: String
    /// practice, family-context, harm-type or system.
    public var group: String
    /// One sentence saying what the theme covers.
    public var definition: String
    /// Indicative words and phrases with weights.
    public var phrases: [Phrase]
    /// Phrases that look related but must not count (false friends).
    public var exclude: [String]
    /// A generic theme (the codebook's example is leadership and management) is assigned only
    /// when no topic theme of the item scores higher: topic themes take priority.
    public var generic = false
    /// Reflective questions.
    public var questions: Questions
  }

  /// The themes, in taxonomy order.
  public var themes: [Theme]
  /// Cue phrases that weaken a match following within a few words ("no evidence of").
  public var negationCues: [String]
  /// The score an item needs for a theme to be assigned.
  public var threshold: Double
  /// Themes scoring under this share of an item's top score are dropped as incidental.
  public var relativeCutoff: Double = 0.25
  /// At most this many themes per item, strongest first (ties with the last are kept): the
  /// codebook codes "usually one to three".
  public var maxThemes = 3
  /// Steps from score to confidence, ascending by score.
  ///
  /// A tag's confidence is that of the last step at or below its score. Empty: tags carry no
  /// confidence.
  public var calibration: [CalibrationStep] = []

  /// One step of the calibration: from `score` up, coders coded `confidence` of the tags.
  public struct CalibrationStep: Sendable, Hashable, Codable {
    /// The lowest score of the step.
    public var score: Double
    /// The share of tags at these scores that coders coded, from 0 to 1.
    public var confidence: Double

    /// Creates a step.
    public init(score: Double, confidence: Double) {
      self.score = score
      self.confidence = confidence
    }

    enum CodingKeys: String, CodingKey { case score, confidence }

    /// Writes plain numbers (`0.43`, not YAML's `4.3e-1`).
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(PlainNumber(score), forKey: .score)
      try container.encode(PlainNumber(confidence), forKey: .confidence)
    }
  }

  /// The calibrated confidence of a tag with `score`, if the calibration reaches it.
  public func confidence(score: Double) -> Double? {
    calibration.last { $0.score <= score }?.confidence
  }

  /// The groups a theme may belong to.
  public static let groups: Set<String> = ["practice", "family-context", "harm-type", "system"]

  /// The theme with `id`, if present.
  public func theme(_ id: String) -> Theme? { themes.first { $0.id == id } }

  /// Whether `id` is safe as a theme id and a file name: lowercase letters, digits, hyphens.
  public static func isValidID(_ id: String) -> Bool {
    !id.isEmpty && id.count <= 64 && id.first != "-"
      && id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
  }
}

/// A problem in a taxonomy file, with its line and column.
public struct TaxonomyError: LocalizedError, Sendable, Equatable {
  /// The file, or `default` for the bundled taxonomy.
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// 1-based column, when known.
  public var column: Int?
  /// What is wrong.
  public var message: String

  public var errorDescription: String? {
    let place = [line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(
      separator: ":")
    return place.isEmpty ? "\(file): \(message)" : "\(file):\(place): \(message)"
  }
}

/// A number that YAML writes as people do: `2` and `0.25`, not Yams' `2e+0` and `2.5e-1`.
///
/// A taxonomy written by `cspr themes --format yaml` so reads like the bundled one. Other
/// encoders (JSON) see the plain `Double`.
public struct PlainNumber: YAMLEncodable, Sendable {
  /// The number.
  public var value: Double

  /// Wraps `value`.
  public init(_ value: Double) { self.value = value }

  /// The number as a `Double`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }

  /// The number as YAML text: whole numbers without a decimal point.
  public func box() -> Node {
    let whole = value.rounded() == value && abs(value) < 1e15
    return Node(whole ? String(Int(value)) : String(value))
  }
}
