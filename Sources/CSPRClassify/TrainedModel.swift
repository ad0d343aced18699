import Foundation

/// A trainable text classifier on top of the lexicon: one-vs-rest logistic regression over
/// the presence of word stems and stem bigrams, fitted by full-batch gradient descent with L2
/// regularisation and balanced class weights (deterministic: the same data gives the same model).
public struct TrainedModel: Codable, Sendable {
  /// The file format's version.
  public var version = 1
  /// What the model is, for people reading the JSON.
  public var kind = "one-vs-rest logistic regression over word-stem unigrams and bigrams"
  /// The features, by index.
  public var vocabulary: [String]
  /// The themes, by index.
  public var themes: [String]
  /// Per theme: one weight per feature, then the bias.
  public var weights: [[Double]]
  /// Per theme: how many training items were coded with it (absent in older model files).
  public var positives: [Int]?
  /// Feature to index, built once rather than for every text classified.
  private var index: [String: Int] = [:]

  enum CodingKeys: String, CodingKey {
    case version, kind, vocabulary, themes, weights, positives
  }

  init(vocabulary: [String], themes: [String], weights: [[Double]], positives: [Int]? = nil) {
    self.vocabulary = vocabulary
    self.themes = themes
    self.weights = weights
    self.positives = positives
    index = Self.index(vocabulary)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    version = try container.decode(Int.self, forKey: .version)
    kind = try container.decode(String.self, forKey: .kind)
    vocabulary = try container.decode([String].self, forKey: .vocabulary)
    themes = try container.decode([String].self, forKey: .themes)
    weights = try container.decode([[Double]].self, forKey: .weights)
    positives = try container.decodeIfPresent([Int].self, forKey: .positives)
    guard weights.count == themes.count, weights.allSatisfy({ $0.count == vocabulary.count + 1 })
    else {
      throw DecodingError.dataCorruptedError(
        forKey: .weights, in: container,
        debugDescription: "expected one row of \(vocabulary.count + 1) weights per theme")
    }
    if let positives, positives.count != themes.count {
      throw DecodingError.dataCorruptedError(
        forKey: .positives, in: container, debugDescription: "expected one count per theme")
    }
    index = Self.index(vocabulary)
  }

  private static func index(_ vocabulary: [String]) -> [String: Int] {
    Dictionary(vocabulary.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// Training settings.
  public struct Settings: Sendable {
    /// Passes over the data.
    public var epochs = 300
    /// Step size.
    public var learningRate = 0.5
    /// L2 penalty.
    public var l2 = 0.001
    /// Features must occur in at least this many training texts.
    public var minimumCount = 2

    /// Default settings.
    public init() {}
  }

  /// The features of a text: distinct stems and adjacent stem pairs.
  public static func features(_ text: String) -> Set<String> {
    let stems = Normaliser.tokens(text).map(\.stem).filter { $0.count > 2 }
    var out = Set(stems)
    for index in stems.indices.dropLast() { out.insert(stems[index] + " " + stems[index + 1]) }
    return out
  }

  /// Fits a model to texts and their theme labels.
  public static func train(
    texts: [String], labels: [[String]], themes: [String], settings: Settings = Settings()
  ) -> TrainedModel {
    let featureSets = texts.map(features)
    var counts: [String: Int] = [:]
    for set in featureSets { for feature in set { counts[feature, default: 0] += 1 } }
    let vocabulary = counts.filter { $0.value >= settings.minimumCount }.keys.sorted()
    let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
    let rows = featureSets.map { set in set.compactMap { index[$0] }.sorted() }
    let n = Double(max(1, rows.count))
    var weights: [[Double]] = []
    var positiveCounts: [Int] = []
    for theme in themes {
      let targets = labels.map { $0.contains(theme) ? 1.0 : 0.0 }
      let positives = targets.reduce(0, +)
      positiveCounts.append(Int(positives))
      var w = [Double](repeating: 0, count: vocabulary.count + 1)
      guard positives > 0 else {
        w[vocabulary.count] = -4
        weights.append(w)
        continue
      }
      // Balanced class weights: the rare positive class counts as much as the negatives.
      let positiveWeight = (n - positives) / positives
      for _ in 0..<settings.epochs {
        var gradient = [Double](repeating: 0, count: w.count)
        for (row, target) in zip(rows, targets) {
          var z = w[vocabulary.count]
          for feature in row { z += w[feature] }
          let error = (sigmoid(z) - target) * (target == 1 ? positiveWeight : 1)
          for feature in row { gradient[feature] += error }
          gradient[vocabulary.count] += error
        }
        for j in w.indices {
          let penalty = j == vocabulary.count ? 0 : settings.l2 * w[j]
          w[j] -= settings.learningRate * (gradient[j] / n + penalty)
        }
      }
      weights.append(w)
    }
    return TrainedModel(
      vocabulary: vocabulary, themes: themes, weights: weights, positives: positiveCounts)
  }

  /// Probability of each theme for `text`.
  public func probabilities(_ text: String) -> [String: Double] {
    let row = Self.features(text).compactMap { index[$0] }
    var out: [String: Double] = [:]
    for (themeIndex, theme) in themes.enumerated() {
      let w = weights[themeIndex]
      var z = w[vocabulary.count]
      for feature in row { z += w[feature] }
      out[theme] = Self.sigmoid(z)
    }
    return out
  }

  static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

  /// Reads a model written by `cspr train`.
  public static func read(_ path: String) throws -> TrainedModel {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TaxonomyError(file: path, message: "cannot read the model file")
    }
    do {
      return try JSONDecoder().decode(TrainedModel.self, from: data)
    } catch {
      throw TaxonomyError(
        file: path, message: "not a cspr model file (\(error.localizedDescription))")
    }
  }
}
