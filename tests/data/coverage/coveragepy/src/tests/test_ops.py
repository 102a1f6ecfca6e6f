from calc.ops import classify, total


def run():
    assert classify(-1) == "negative"
    assert classify(5) == "positive"
    assert total([1, 2, -3]) == 0
    assert total([1, -2], skip_negative=True) == 1


if __name__ == "__main__":
    run()
