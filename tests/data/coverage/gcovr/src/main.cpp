#include <cstdio>

extern "C" {
#include "mathx.h"
}

int run_util(int v);

int main(int argc, char** argv) {
  int data[] = {3, -1, 4, 0, 5};
  int total = sum_positive(data, 5);
  int idx = first_index(data, 5, 4);
  int c = clamp(argc > 1 ? 100 : 7, 0, 10);
  int l = run_util(-3) + run_util(2);
  if (total != 12) {
    std::printf("unexpected total %d\n", total);
    return 1;
  }
  (void)argv;
  std::printf("%d %d %d %d\n", total, idx, c, l);
  return 0;
}
