import CSPRIngest
import CSPRModel
import Foundation
import Testing
import _CSPRTestSupport

/// Every sample in corpus-samples, read as a person would read it.
@Suite("Sample corpus structure")
struct SampleStructureTests {
  static let sampleNames: [String] = {
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.samples.path)) ?? []
    return names.filter { !$0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()
  }()

  @Test("there are at least 15 samples, two of them PDFs")
  func enoughSamples() {
    #expect(Self.sampleNames.count >= 15)
    #expect(Self.sampleNames.filter { $0.hasSuffix(".pdf") }.count >= 2)
  }

  @Test("each sample's tree matches its snapshot", arguments: sampleNames)
  func treeSnapshot(name: String) throws {
    let document = try Ingestor().read(path: TestSupport.sample(name))
    var dump = document.treeDump()
    dump = dump.replacingOccurrences(of: TestSupport.samples.path + "/", with: "")
    #expect(Snapshot.mismatch(dump, named: name + ".tree") == nil)
  }

  @Test("each sample has a title, headings and numbered or listed items", arguments: sampleNames)
  func structureRecovered(name: String) throws {
    let document = try Ingestor().read(path: TestSupport.sample(name))
    #expect(document.title?.isEmpty == false)
    #expect(headings(document).count >= 4)
    #expect(blocks(document).count >= 10)
    #expect(document.warnings.isEmpty || name.contains("2014"))
  }

  @Test("the recommendation split across a page break is read whole")
  func splitRecommendation() throws {
    let document = try Ingestor().read(path: TestSupport.sample("scr-2016-text-from-pdf.txt"))
    let recommendations = document.sections.first { $0.section.heading.contains("RECOMMENDATIONS") }
    let items = recommendations?.section.blocks.filter { $0.kind == .listItem } ?? []
    #expect(items.filter { $0.depth == 0 }.map(\.number) == ["1", "2", "3", "4", "5", "6"])
    #expect(items.first { $0.number == "3" }?.text.contains("Page") == false)
  }

  @Test("the Windows-1252 sample shows curly quotes and the pound sign")
  func windows1252Sample() throws {
    let document = try Ingestor().read(path: TestSupport.sample("scr-2014-html-nested.html"))
    let text = blocks(document).map(\.text).joined(separator: " ")
    #expect(text.contains("£"))
    #expect(text.contains("’"))
    #expect(!text.contains("Ã"))
  }

  @Test("the gov.uk page loses its cookie banner, breadcrumbs and footer")
  func govukChrome() throws {
    let document = try Ingestor().read(
      path: TestSupport.sample("govuk-national-panel-thematic.html"))
    let text = (headings(document) + blocks(document).map(\.text)).joined(separator: " ")
    #expect(!text.lowercased().contains("cookies on"))
    #expect(!text.contains("Skip to main content"))
    #expect(
      document.title == "Beyond the front door: safeguarding adolescents from criminal exploitation"
    )
  }
}
