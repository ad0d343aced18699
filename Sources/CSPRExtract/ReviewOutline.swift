import CSPRModel
import Foundation

/// A section with everything rules need to know about where it stands.
public struct OutlineSection: Sendable {
  /// The section itself.
  public var section: Section
  /// Headings from the top down to this section (the document title left out).
  public var path: [String]
  /// The role this section's own heading announces, if any.
  public var ownRole: SectionRole?
  /// The role in force: the section's own, else the nearest ancestor's, else `.front`.
  public var role: SectionRole
  /// The role of the parent section (in force there).
  public var parentRole: SectionRole
  /// A label on the heading itself (`Finding 2: …`, `Recommendation 1`).
  public var headingLabel: Label?

  /// The section path as citations show it: `5. Findings › Finding 1: Seeing the child`.
  public var citation: String { path.joined(separator: " › ") }
}

/// The review's sections in document order, each with its role worked out once.
public struct ReviewOutline: Sendable {
  /// The sections in document order.
  public var sections: [OutlineSection]

  /// Builds the outline of `document`.
  public init(_ document: ReviewDocument) {
    var out: [OutlineSection] = []
    var stack: [(Section, [String], SectionRole)] = [(document.root, [], .front)]
    let title = document.title
    var sawTitle = false
    while let (section, path, inherited) = stack.popLast() {
      var own: SectionRole?
      var label: Label?
      var childPath = path
      // The document's title names the review; it announces no role for the whole document.
      let isTitle =
        !sawTitle && section.level > 0 && section.heading == title && section.number == nil
      if isTitle {
        sawTitle = true
      } else if section.level > 0 {
        own = SectionRole.of(heading: section.heading)
        label = Label.parse(section.heading)
        childPath.append(section.heading)
      }
      let role = own ?? inherited
      out.append(
        OutlineSection(
          section: section, path: childPath, ownRole: own, role: role, parentRole: inherited,
          headingLabel: label))
      for child in section.children.reversed() { stack.append((child, childPath, role)) }
    }
    sections = out
  }
}
