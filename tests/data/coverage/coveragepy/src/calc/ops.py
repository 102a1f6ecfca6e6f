def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    if n > 100:
        return "big"
    return "positive"


def total(values, skip_negative=False):
    acc = 0
    for v in values:
        if skip_negative and v < 0:
            continue
        acc += v
    return acc


def never_called(x):
    y = x * 2
    if y > 10:
        return y
    return -y
