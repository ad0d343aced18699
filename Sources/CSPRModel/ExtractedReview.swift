/// Whether an item is a recommendation, a finding or an observation of good practice.
public enum ItemKind: String, Codable, Sendable, CaseIterable {
  /// What must change, ideally owned by a named agency.
  case recommendation
  /// Why practice went as it did: a finding, learning point or key issue.
  case finding
  /// Practice the review holds up as good.
  case goodPractice = "good_practice"
}

/// The kind of review, as the national repository and the Welsh system name them.
public enum ReviewType: String, Codable, Sendable, CaseIterable {
  /// A local Child Safeguarding Practice Review (England, 2018 on).
  case localCSPR = "local-cspr"
  /// A Serious Case Review (England, before 2018).
  case seriousCaseReview = "serious-case-review"
  /// A rapid review, the first step a partnership takes after a serious incident.
  case rapidReview = "rapid-review"
  /// A review by the national Child Safeguarding Practice Review Panel.
  case nationalPanelReview = "national-panel-review"
  /// A Child Practice Review in Wales.
  case childPracticeReview = "child-practice-review"
  /// A local thematic review across several cases.
  case thematicReview = "thematic-review"
}

/// The outcome for the child that led to the review.
public enum Outcome: String, Codable, Sendable, CaseIterable {
  /// The child died.
  case death
  /// The child was seriously harmed.
  case seriousHarm = "serious-harm"
}

/// One piece of evidence for a theme: a phrase of the taxonomy found in an item's text.
public struct Evidence: Codable, Sendable, Hashable {
  /// The taxonomy phrase that matched.
  public var phrase: String
  /// The words of the item that matched it, as written.
  public var matched: String
  /// Offset of the match in the item's text, counted in `Character`s.
  public var offset: Int
  /// Length of the match in `Character`s.
  public var length: Int
  /// The weight the match contributed after any negation.
  public var weight: Double

  /// Creates evidence.
  public init(phrase: String, matched: String, offset: Int, length: Int, weight: Double) {
    self.phrase = phrase
    self.matched = matched
    self.offset = offset
    self.length = length
    self.weight = weight
  }
}

/// A theme assigned to an item, with its score and the words that earned it.
public struct ThemeTag: Codable, Sendable, Hashable {
  /// The theme id from the taxonomy (`voice-of-the-child`).
  public var theme: String
  /// The summed evidence, after section context and the trained model.
  public var score: Double
  /// The matches behind the score, strongest first.
  public var evidence: [Evidence]
  /// How often coders coded a theme the lexicon assigned at this score: the taxonomy's
  /// calibration (absent with a trained model, whose scores it does not describe).
  public var confidence: Double?

  /// Creates a tag.
  public init(theme: String, score: Double, evidence: [Evidence], confidence: Double? = nil) {
    self.theme = theme
    self.score = score
    self.evidence = evidence
    self.confidence = confidence
  }
}

/// The quality assessment of one recommendation, with the reasons for its score.
public struct RecommendationQuality: Codable, Sendable, Hashable {
  /// Whether an accountable owner (agency or role) is named.
  public var hasOwner: Bool
  /// Whether the action is concrete (a specific verb and object) rather than vague.
  public var isSpecific: Bool
  /// Whether it says how success will be measured or evidenced.
  public var hasMeasure: Bool
  /// Whether it has a timescale.
  public var hasTimescale: Bool
  /// The level it is aimed at: practitioner, manager, strategic or national.
  public var level: String
  /// Whether its only action is to seek assurance.
  public var assuranceOnly: Bool
  /// Whether its only action is training, a briefing or reviewing a policy.
  public var trainingOrPolicyOnly: Bool
  /// Whether it follows from a finding of the same review (shares its subject).
  public var followsFinding: Bool
  /// A score from 0 to 100.
  public var score: Int
  /// The reasons behind the score, in words a reviewer would use.
  public var reasons: [String]

  /// Creates an assessment.
  public init(
    hasOwner: Bool, isSpecific: Bool, hasMeasure: Bool, hasTimescale: Bool, level: String,
    assuranceOnly: Bool, trainingOrPolicyOnly: Bool, followsFinding: Bool, score: Int,
    reasons: [String]
  ) {
    self.hasOwner = hasOwner
    self.isSpecific = isSpecific
    self.hasMeasure = hasMeasure
    self.hasTimescale = hasTimescale
    self.level = level
    self.assuranceOnly = assuranceOnly
    self.trainingOrPolicyOnly = trainingOrPolicyOnly
    self.followsFinding = followsFinding
    self.score = score
    self.reasons = reasons
  }
}

/// A recommendation, finding or good-practice point, with its citation.
public struct Item: Codable, Sendable, Hashable {
  /// What kind of item this is.
  public var kind: ItemKind
  /// The item's number as the review gives it (`3`, `R2`, `2.1`), without punctuation.
  public var number: String?
  /// A finding's short title, where the review gives one.
  public var title: String?
  /// The item's full text, numbering stripped, wrapped lines joined.
  public var text: String
  /// The accountable owner named in a table column or in the text.
  public var owner: String?
  /// The timescale from a table column or the text.
  public var timescale: String?
  /// How success will be evidenced, from a table column.
  public var measure: String?
  /// The section path of the item, such as `6. Recommendations`.
  public var section: String
  /// The position of the item's first block in the document.
  public var position: Int
  /// For a recommendation: its quality assessment.
  public var quality: RecommendationQuality?
  /// For a finding: whether it explains why (causes, systemic factors) rather than narrating.
  public var explainsWhy: Bool?
  /// The themes assigned by the classifier, strongest first (empty until classified).
  public var themes: [ThemeTag]

  /// Creates an item.
  public init(
    kind: ItemKind, number: String? = nil, title: String? = nil, text: String,
    owner: String? = nil, timescale: String? = nil, measure: String? = nil,
    section: String, position: Int, quality: RecommendationQuality? = nil,
    explainsWhy: Bool? = nil, themes: [ThemeTag] = []
  ) {
    self.kind = kind
    self.number = number
    self.title = title
    self.text = text
    self.owner = owner
    self.timescale = timescale
    self.measure = measure
    self.section = section
    self.position = position
    self.quality = quality
    self.explainsWhy = explainsWhy
    self.themes = themes
  }

  /// The ids of the item's themes, strongest first.
  public var themeIDs: [String] { themes.map(\.theme) }
}

/// What a review says about itself: who published it, when, about whom.
public struct ReviewMetadata: Codable, Sendable, Hashable {
  /// The title as a reader sees it.
  public var title: String?
  /// The publishing safeguarding partnership or board.
  public var partnership: String?
  /// The year of publication (or of the incident, when `yearKind` says so).
  public var year: Int?
  /// `published` or `incident`: which year ``year`` is.
  public var yearKind: String?
  /// The kind of review.
  public var reviewType: ReviewType?
  /// How the review names the child ("Child A", "Baby T", a pseudonym).
  public var child: String?
  /// The child's age at the incident, in months.
  public var childAgeMonths: Int?
  /// The child's sex where stated: `male` or `female`.
  public var sex: String?
  /// Death or serious harm.
  public var outcome: Outcome?
  /// Categories of harm named: physical, sexual, emotional abuse, neglect, exploitation.
  public var harmCategories: [String]
  /// Canonical names of the agencies involved.
  public var agencies: [String]
  /// What happened, in the review's own first words about it (two sentences at most).
  public var synopsis: String?

  /// Creates metadata.
  public init(
    title: String? = nil, partnership: String? = nil, year: Int? = nil, yearKind: String? = nil,
    reviewType: ReviewType? = nil, child: String? = nil, childAgeMonths: Int? = nil,
    sex: String? = nil, outcome: Outcome? = nil, harmCategories: [String] = [],
    agencies: [String] = [], synopsis: String? = nil
  ) {
    self.synopsis = synopsis
    self.title = title
    self.partnership = partnership
    self.year = year
    self.yearKind = yearKind
    self.reviewType = reviewType
    self.child = child
    self.childAgeMonths = childAgeMonths
    self.sex = sex
    self.outcome = outcome
    self.harmCategories = harmCategories
    self.agencies = agencies
  }
}

/// A use of wording that guidance asks reviews to avoid, with where it stands.
public struct LanguageIssue: Codable, Sendable, Hashable {
  /// The words found.
  public var phrase: String
  /// The wording to use instead.
  public var prefer: String
  /// Why the wording is a problem.
  public var reason: String
  /// The section path where it stands.
  public var section: String
  /// The block position where it stands.
  public var position: Int

  /// Creates an issue.
  public init(phrase: String, prefer: String, reason: String, section: String, position: Int) {
    self.phrase = phrase
    self.prefer = prefer
    self.reason = reason
    self.section = section
    self.position = position
  }
}

/// Everything extracted from one review, and later its classification.
public struct ExtractedReview: Codable, Sendable {
  /// The document's stable id.
  public var id: String
  /// The path it was read from.
  public var source: String
  /// The format it was read as.
  public var format: SourceFormat
  /// What the review says about itself.
  public var metadata: ReviewMetadata
  /// The recommendations, in document order.
  public var recommendations: [Item]
  /// The findings, in document order.
  public var findings: [Item]
  /// The good-practice points, in document order.
  public var goodPractice: [Item]
  /// Review-level observations (an unusually long list, no recommendation for managers).
  public var flags: [String]
  /// Wording the review uses that guidance asks to avoid (filled by the language check).
  public var languageIssues: [LanguageIssue]
  /// The review-level theme profile: weighted evidence per theme over the sections that count.
  public var themeProfile: [String: Double]
  /// Size of the source in bytes.
  public var byteCount: Int

  /// Creates an extracted review.
  public init(
    id: String, source: String, format: SourceFormat, metadata: ReviewMetadata,
    recommendations: [Item] = [], findings: [Item] = [], goodPractice: [Item] = [],
    flags: [String] = [], languageIssues: [LanguageIssue] = [],
    themeProfile: [String: Double] = [:], byteCount: Int = 0
  ) {
    self.id = id
    self.source = source
    self.format = format
    self.metadata = metadata
    self.recommendations = recommendations
    self.findings = findings
    self.goodPractice = goodPractice
    self.flags = flags
    self.languageIssues = languageIssues
    self.themeProfile = themeProfile
    self.byteCount = byteCount
  }

  /// All items in the order recommendations, findings, good practice.
  public var items: [Item] { recommendations + findings + goodPractice }
}
