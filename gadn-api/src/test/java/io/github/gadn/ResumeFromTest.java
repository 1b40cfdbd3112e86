package io.github.gadn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResumeFromTest {

  @Test
  void namesTheCheckpointsARunFolderHas() {
    assertThat(ResumeFrom.last()).isEqualTo(new ResumeFrom("last", false));
    assertThat(ResumeFrom.last().isLast()).isTrue();
    assertThat(ResumeFrom.numbered(2000)).isEqualTo(new ResumeFrom("2000", false));
    assertThat(ResumeFrom.numbered(2000).isLast()).isFalse();
    assertThat(ResumeFrom.numbered(2000).orNewestIntact())
        .isEqualTo(new ResumeFrom("2000", true));
  }

  @Test
  void anythingElseIsRefusedNamingTheField() {
    for (String bad : new String[] {"", "Last", "0", "-3", "12a", "007"}) {
      assertThatThrownBy(() -> new ResumeFrom(bad, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("checkpoint must be \"last\" or a positive iteration number")
          .hasMessageContaining("\"" + bad + "\"");
    }
    assertThatThrownBy(() -> ResumeFrom.numbered(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iteration must be positive, got 0");
    assertThatThrownBy(() -> new ResumeFrom(null, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("checkpoint");
  }
}
