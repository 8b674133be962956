package io.heapwise.demo;

import io.heapwise.demo.domain.Expert;

/** The circle of experts both service designs consult. */
final class Experts {

  private Experts() {}

  static Expert[] create(DemoConfig config) {
    Expert[] experts = new Expert[config.experts()];
    for (int i = 0; i < experts.length; i++) {
      experts[i] = new Expert(i, config.expertWorkRounds());
    }
    return experts;
  }
}
