#ifndef MATHX_H
#define MATHX_H
int clamp(int v, int lo, int hi);
int sum_positive(const int *v, int n);
int first_index(const int *v, int n, int target);
int never_called(int x);
#endif
