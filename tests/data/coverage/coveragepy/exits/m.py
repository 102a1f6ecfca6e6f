def classify(items):
    kinds = []
    for item in items:
        if item > 0:
            kinds.append("positive")
    return kinds


def first_even(numbers):
    for number in numbers:
        if number % 2 == 0:
            return number


classify([1, -1])
first_even([1, 3])
