import CSPRModel

/// Everything the corpus reports show, aggregated from classified reviews: counts, shares, trends,
/// the quality profile and recurring recommendations.
///
/// Texts of individual items are not held here (they stream to disk), so memory does not grow with
/// the corpus's text.
public struct CorpusAnalysis: Codable, Sendable {
  /// The version of this structure in `analysis.json`.
  public var schemaVersion = 1
  /// Reviews analysed.
  public var reviewCount = 0
  /// Items by kind.
  public var recommendationCount = 0
  /// Findings analysed.
  public var findingCount = 0
  /// Good-practice points analysed.
  public var goodPracticeCount = 0
  /// One summary per review, in input order.
  public var reviews: [ReviewSummary] = []
  /// One entry per theme of the taxonomy, in taxonomy order.
  public var themes: [ThemeSummary] = []
  /// Reviews per year of publication.
  public var byYear: [Count] = []
  /// Reviews per review type.
  public var byType: [Count] = []
  /// Reviews per partnership.
  public var byPartnership: [Count] = []
  /// Recommendations per canonical owner agency, most first.
  public var owners: [Count] = []
  /// How the recommendations measure up.
  public var quality = QualityProfile()
  /// Co-occurrence of the leading themes among items.
  public var cooccurrence = Cooccurrence()
  /// Recommendations that recur across reviews.
  public var recurring: [RecommendationCluster] = []
  /// Language-check terms found, most first.
  public var languageTerms: [Count] = []

  /// Creates an empty analysis.
  public init() {}
}

/// A label and how many.
public struct Count: Codable, Sendable, Hashable {
  /// What is counted.
  public var label: String
  /// How many.
  public var count: Int

  /// Creates a count.
  public init(label: String, count: Int) {
    self.label = label
    self.count = count
  }
}

/// One review as the overview, catalogue and CSV show it.
public struct ReviewSummary: Codable, Sendable {
  /// The review's id (content hash).
  public var id: String
  /// The file it was read from.
  public var source: String
  /// Its metadata.
  public var metadata: ReviewMetadata
  /// Number of recommendations.
  public var recommendations: Int
  /// Number of findings.
  public var findings: Int
  /// Number of good-practice points.
  public var goodPractice: Int
  /// Tagged items per theme id.
  public var themeCounts: [String: Int]
  /// Finding titles (or first sentences) for "Learning includes".
  public var learning: [String]
  /// Opening clauses of recommendations for "Recommendations include".
  public var recommendationHeadlines: [String]
  /// Review-level flags from extraction.
  public var flags: [String]
  /// Language-check terms used.
  public var languageIssues: [LanguageIssue]
  /// Mean quality score of its recommendations.
  public var meanQuality: Int?
}

/// One theme across the corpus.
public struct ThemeSummary: Codable, Sendable {
  /// The theme id.
  public var id: String
  /// Its label.
  public var label: String
  /// Its group.
  public var group: String
  /// Its definition.
  public var definition: String
  /// Reviews with at least one item tagged with it.
  public var reviews: Int
  /// Recommendations tagged.
  public var recommendations: Int
  /// Findings tagged.
  public var findings: Int
  /// Good-practice points tagged.
  public var goodPractice: Int
  /// Reviews touching it, per year.
  public var byYear: [Count]
  /// Questions for practitioners.
  public var practitionerQuestions: [String]
  /// Questions for managers.
  public var managerQuestions: [String]

  /// All items tagged.
  public var items: Int { recommendations + findings + goodPractice }
}

/// The quality profile of a set of recommendations.
public struct QualityProfile: Codable, Sendable {
  /// Recommendations assessed.
  public var recommendations = 0
  /// With a named owner.
  public var withOwner = 0
  /// With a specific action.
  public var specific = 0
  /// With a measure of success.
  public var withMeasure = 0
  /// With a timescale.
  public var withTimescale = 0
  /// Aimed at managers, leaders, partnerships or national bodies.
  public var aimedAtManagers = 0
  /// Seeking assurance only.
  public var assuranceOnly = 0
  /// Training, a briefing or a policy review only.
  public var trainingOrPolicyOnly = 0
  /// Following from a finding of the review.
  public var followsFinding = 0
  /// Sum of scores, for the mean.
  public var scoreTotal = 0

  /// An empty profile.
  public init() {}

  /// Mean score, 0–100.
  public var meanScore: Int {
    recommendations == 0 ? 0 : Int((Double(scoreTotal) / Double(recommendations)).rounded())
  }

  /// Adds one assessment.
  public mutating func add(_ quality: RecommendationQuality) {
    recommendations += 1
    if quality.hasOwner { withOwner += 1 }
    if quality.isSpecific { specific += 1 }
    if quality.hasMeasure { withMeasure += 1 }
    if quality.hasTimescale { withTimescale += 1 }
    if quality.level != "practitioner" { aimedAtManagers += 1 }
    if quality.assuranceOnly { assuranceOnly += 1 }
    if quality.trainingOrPolicyOnly { trainingOrPolicyOnly += 1 }
    if quality.followsFinding { followsFinding += 1 }
    scoreTotal += quality.score
  }
}

/// How often pairs of leading themes are tagged on the same item.
public struct Cooccurrence: Codable, Sendable {
  /// The leading themes, in order.
  public var themes: [String] = []
  /// `counts[i][j]`: items tagged with both theme i and theme j (the diagonal: with theme i).
  public var counts: [[Int]] = []
}

/// A group of similar recommendations from different reviews.
public struct RecommendationCluster: Codable, Sendable {
  /// The wording that best represents the group (the member most like the others).
  public var representative: String
  /// How many recommendations the group holds.
  public var count: Int
  /// How many reviews they come from.
  public var reviewCount: Int
  /// Where each comes from: title, partnership, year and section.
  public var sources: [Citation]
  /// The themes shared by most members.
  public var themes: [String]
}

/// Where an item comes from, as a reader cites it.
public struct Citation: Codable, Sendable, Hashable {
  /// The review's title.
  public var title: String
  /// The partnership.
  public var partnership: String?
  /// The year.
  public var year: Int?
  /// The section path.
  public var section: String
  /// The source file.
  public var source: String
  /// The review id.
  public var reviewID: String
  /// The block position.
  public var position: Int

  /// "Title (Partnership, 2021), 6.
  ///
  /// Recommendations".
  public var text: String {
    var parts = [title]
    let place = [partnership, year.map(String.init)].compactMap { $0 }.joined(separator: ", ")
    if !place.isEmpty { parts[0] += " (\(place))" }
    if !section.isEmpty { parts.append(section) }
    return parts.joined(separator: ", ")
  }
}

/// An item with its citation, as theme pages and packs list it.
public struct CitedItem: Codable, Sendable {
  /// Recommendation, finding or good practice.
  public var kind: ItemKind
  /// Its number in the review.
  public var number: String?
  /// A finding's title.
  public var title: String?
  /// The text.
  public var text: String
  /// Where it comes from.
  public var citation: Citation
  /// Its themes, strongest first.
  public var themes: [String]
  /// Its score per theme.
  public var scores: [String: Double]
  /// A recommendation's owner.
  public var owner: String?
  /// A recommendation's quality score.
  public var quality: Int?
}
