package io.emporium.catalog.product.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SearchTextTest {

    @Test
    void whitespaceIsNormalised() {
        assertThat(new SearchText("  wooden \t  train\n").text()).isEqualTo("wooden train");
    }

    @Test
    void blankInputMeansNoSearch() {
        assertThat(SearchText.parse(null)).isEmpty();
        assertThat(SearchText.parse(" \t ")).isEmpty();
        assertThat(SearchText.parse("oak")).contains(new SearchText("oak"));
    }

    @Test
    void plainWordsAreOfferedLowerCasedForPrefixMatching() {
        assertThat(new SearchText("Wooden Trai").plainWords()).containsExactly("wooden", "trai");
        assertThat(new SearchText("Größe 42").plainWords()).containsExactly("größe", "42");
    }

    @Test
    void searchSyntaxAndPunctuationTurnPrefixMatchingOff() {
        assertThat(new SearchText("\"oak table\"").plainWords()).isEmpty();
        assertThat(new SearchText("lamp -glass").plainWords()).isEmpty();
        assertThat(new SearchText("lea:*|x").plainWords()).isEmpty();
    }

    @Test
    void textIsLimitedTo100Characters() {
        assertThat(new SearchText("x".repeat(100)).text()).hasSize(100);
        assertThatIllegalArgumentException().isThrownBy(() -> new SearchText("x".repeat(101)));
    }
}
