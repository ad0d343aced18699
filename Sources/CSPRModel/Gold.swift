/// One line of a gold annotation file (`corpus-samples/annotations.jsonl`): either a review's
/// metadata (`type: review`) or one of its items (`type: item`), coded by the THEMES.md codebook.
public struct GoldRecord: Codable, Sendable {
  /// `review` or `item` (a line with only `text` and `themes` is read as an item).
  public var type: String?
  /// The file name of the review the line belongs to.
  public var doc: String?
  /// For an item: recommendation, finding or good_practice.
  public var kind: ItemKind?
  /// For an item: its number as the review gives it.
  public var number: String?
  /// For an item: its text; for a review: absent.
  public var text: String?
  /// For a finding: its short title.
  public var title: String?
  /// For an item: the theme ids it is coded with (after adjudication, when several coded it).
  public var themes: [String]?
  /// For an item coded independently by several coders: each coder's themes, by coder name.
  public var coders: [String: [String]]?
  /// For a table row: the owner cell.
  public var owner: String?
  /// For a table row: the timescale cell.
  public var timescale: String?
  /// For a review: the publishing partnership.
  public var partnership: String?
  /// For a review: the year of publication.
  public var year: Int?
  /// For a review: the review type id.
  public var reviewType: String?
  /// For a review: the child's identifier.
  public var child: String?
  /// For a review: the child's age in months.
  public var childAgeMonths: Int?
  /// For a review: `male` or `female`.
  public var sex: String?
  /// For a review: `death` or `serious-harm`.
  public var outcome: String?

  /// Whether the line is a review's metadata.
  public var isReview: Bool { type == "review" }
}
