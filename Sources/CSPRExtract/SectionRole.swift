/// What a section of a review is for, read from its heading; items are taken only from the
/// sections whose role says they hold them.
public enum SectionRole: String, Sendable, CaseIterable {
  /// Recommendations, actions, "what needs to change".
  case recommendations
  /// Findings, learning, key issues.
  case findings
  /// Observations of good practice.
  case goodPractice = "good_practice"
  /// Analysis of practice: findings only where a subsection or label states one.
  case analysis
  /// Chronology, background, the child's story, summary of events.
  case narrative
  /// Terms of reference, scope, methodology.
  case method
  /// Foreword, introduction, glossary, references, contents, conclusion and similar.
  case front
  /// Questions for reflection, which are not findings.
  case questions
  /// Actions already taken since the incident, which are not recommendations.
  case actionsTaken = "actions_taken"

  /// The role a heading announces, or nil when it announces none.
  ///
  /// A section without a role of its own takes its parent's. Keywords are checked in order, so
  /// "Summary of events and learning" is narrative.
  public static func of(heading: String) -> SectionRole? {
    let text = heading.lowercased()
    if let label = Label.parse(heading) {
      switch label.kind {
      case .recommendation: return .recommendations
      case .finding: return .findings
      case .goodPractice: return .goodPractice
      }
    }
    for (role, phrases) in keywords where phrases.contains(where: { text.has($0) }) {
      return role
    }
    return nil
  }

  /// Whether items may be stated inline ("It is recommended that…") in a section of this role.
  public var allowsInlineRecommendations: Bool {
    switch self {
    case .method, .front, .questions, .actionsTaken, .recommendations: false
    default: true
    }
  }

  /// Whether a section of this role counts towards a review's theme profile: findings,
  /// analysis and recommendations do; method, front matter and glossaries do not.
  public var countsForThemes: Bool {
    switch self {
    case .recommendations, .findings, .goodPractice, .analysis: true
    default: false
    }
  }

  private static let keywords: [(SectionRole, [String])] = [
    (.questions, ["question", "reflect on", "points for reflection", "for discussion"]),
    (
      .actionsTaken,
      [
        "immediate action", "actions taken", "action taken", "actions already", "progress to date",
        "what has happened since", "what has changed since", "single agency action",
      ]
    ),
    (
      .goodPractice,
      [
        "good practice", "what went well", "strengths", "positive practice", "notable practice",
        "effective practice", "what worked well",
      ]
    ),
    (
      .recommendations,
      [
        "recommend", "what needs to change", "what should change", "what you should do",
        "what you can do", "what practitioners should do", "improving systems",
        "areas for improvement", "action plan", "actions for", "next steps for agencies",
      ]
    ),
    (
      .narrative,
      [
        "summary of events", "chronology", "background", "practice episode", "what happened",
        "history", "story", "key events", "summary of agency involvement", "agency involvement",
        "case summary", "circumstances", "family composition", "the family", "timeline",
        "about the child", "narrative", "the children", "summary of the case",
      ]
    ),
    (
      .findings,
      [
        "finding", "learning", "key issue", "what we found", "what did we learn", "lessons",
        "themes", "key messages", "issues identified", "what the review found",
      ]
    ),
    (.analysis, ["analysis", "appraisal of practice", "discussion", "evaluation of practice"]),
    (
      .method,
      [
        "terms of reference", "methodology", "method", "scope", "lines of enquiry", "approach",
        "process", "review team", "family involvement", "involvement of the family", "parallel",
      ]
    ),
    (
      .front,
      [
        "foreword", "introduction", "glossary", "reference", "acknowledg", "contents",
        "appendix", "about this review", "about the review", "statement", "purpose",
        "why it matters", "context", "conclusion", "concluding", "next steps", "download",
        "further information", "legal", "executive summary", "related", "publication",
        "for completion", "author",
      ]
    ),
  ]
}
