#include "mathx.h"

int clamp(int v, int lo, int hi)
{
    if (v < lo)
        return lo;
    if (v > hi)
        return hi;
    return v;
}

int sum_positive(const int *v, int n)
{
    int acc = 0;
    for (int i = 0; i < n; i++) {
        if (v[i] <= 0)
            continue;
        acc += v[i];
    }
    return acc;
}

int first_index(const int *v, int n, int target)
{
    if (v == 0 || n <= 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (v[i] == target)
            return i;
    return -1;
}

int never_called(int x)
{
    int y = x * 3;
    if (y > 10 && x < 100)
        return y;
    return -y;
}
