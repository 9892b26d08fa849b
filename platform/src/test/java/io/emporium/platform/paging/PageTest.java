package io.emporium.platform.paging;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PageTest {

    @Test
    void totalPagesRoundUpAPartialLastPage() {
        assertThat(new Page<>(List.of(), new Paging(0, 20), 1200).totalPages()).isEqualTo(60);
        assertThat(new Page<>(List.of(), new Paging(0, 20), 1201).totalPages()).isEqualTo(61);
        assertThat(new Page<>(List.of(), new Paging(0, 100), 1).totalPages()).isEqualTo(1);
    }

    @Test
    void emptyResultHasNoPages() {
        assertThat(new Page<>(List.of(), new Paging(0, 20), 0).totalPages()).isZero();
    }

    @Test
    void offsetOfAHugePageNumberDoesNotOverflow() {
        assertThat(new Paging(Integer.MAX_VALUE, 100).offset()).isEqualTo(214_748_364_700L);
    }

    @Test
    void pageNumbersStartAtZeroAndSizesAreOneToOneHundred() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Paging(-1, 20));
        assertThatIllegalArgumentException().isThrownBy(() -> new Paging(0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Paging(0, 101));
        assertThat(new Paging(0, 100).size()).isEqualTo(100);
    }

    @Test
    void pageCannotHoldMoreThanItsSize() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Page<>(List.of(1, 2, 3), new Paging(0, 2), 3));
    }

    @Test
    void mappingKeepsPagingAndTotal() {
        Page<String> page = new Page<>(List.of(1, 2), new Paging(3, 2), 10).map(String::valueOf);

        assertThat(page.content()).containsExactly("1", "2");
        assertThat(page.paging()).isEqualTo(new Paging(3, 2));
        assertThat(page.totalElements()).isEqualTo(10);
    }
}
