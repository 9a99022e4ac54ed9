package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ListPageTest {
  private static List<String> names(int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(String.format("#r%05d", i));
    }
    return out;
  }

  private static ListPage<String> page(List<String> keys, String after, int budget) {
    return ListPage.of(
        keys, after, Function.identity(), ListPage::jsonBytes, Function.identity(), budget);
  }

  @Test
  void of_walkedWithItsCursors_listsEveryEntryOnceAndEachPageWithinBudget() {
    List<String> keys = names(100);
    int budget = 20 * ListPage.jsonBytes("#r00000");
    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      ListPage<String> page = page(keys, after, budget);
      int used = page.entries().stream().mapToInt(ListPage::jsonBytes).sum();
      assertThat(used).isLessThanOrEqualTo(budget);
      seen.addAll(page.entries());
      after = page.next();
      if (after != null) {
        assertThat(after).isEqualTo(page.entries().get(page.entries().size() - 1));
      }
      pages++;
    } while (after != null);
    assertThat(seen).containsExactlyElementsOf(keys);
    assertThat(pages).isEqualTo(5);
  }

  @Test
  void of_noBudget_everyEntryAfterTheCursorOnOnePage() {
    ListPage<String> page = page(names(3000), "#r00999", 0);
    assertThat(page.entries()).hasSize(2000);
    assertThat(page.next()).isNull();
  }

  @Test
  void of_hugeBudget_stopsAtMaxEntries() {
    ListPage<String> page = page(names(ListPage.MAX_ENTRIES + 1), null, Integer.MAX_VALUE);
    assertThat(page.entries()).hasSize(ListPage.MAX_ENTRIES);
    assertThat(page.next()).isEqualTo(String.format("#r%05d", ListPage.MAX_ENTRIES - 1));
  }

  @Test
  void of_entryLargerThanTheBudget_stillOnePerPage() {
    ListPage<String> page = page(names(2), null, 1);
    assertThat(page.entries()).containsExactly("#r00000");
    assertThat(page.next()).isEqualTo("#r00000");
  }

  @Test
  void jsonBytes_countsEscapesAndNonAsciiFromAbove() {
    int base = ListPage.ENTRY_OVERHEAD_BYTES + 2;
    assertThat(ListPage.jsonBytes("ab")).isEqualTo(base + 2);
    assertThat(ListPage.jsonBytes("\u0001\"")).isEqualTo(base + 12);
    assertThat(ListPage.jsonBytes("\u00e9")).isEqualTo(base + 3);
    assertThat(ListPage.jsonBytes((String) null)).isEqualTo(ListPage.ENTRY_OVERHEAD_BYTES);
  }

  @Test
  void ofEntries_oneRowPastAFullPage_namesTheNext_andTheBudgetCutsEarlier() {
    List<String> rows = names(201);
    int big = 1 << 20;

    ListPage<String> full =
        ListPage.ofEntries(rows, ListPage::jsonBytes, Function.identity(), big, 200);
    assertThat(full.entries()).hasSize(200);
    assertThat(full.next()).isEqualTo("#r00199");

    ListPage<String> last =
        ListPage.ofEntries(
            rows.subList(0, 200), ListPage::jsonBytes, Function.identity(), big, 200);
    assertThat(last.entries()).hasSize(200);
    assertThat(last.next()).isNull();

    int budget = 10 * ListPage.jsonBytes("#r00000");
    ListPage<String> cut =
        ListPage.ofEntries(rows, ListPage::jsonBytes, Function.identity(), budget, 200);
    assertThat(cut.entries()).hasSize(10);
    assertThat(cut.next()).isEqualTo("#r00009");

    assertThat(
            ListPage.ofEntries(
                    List.<String>of(), ListPage::jsonBytes, Function.identity(), big, 200)
                .next())
        .isNull();
  }
}
