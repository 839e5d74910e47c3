"""Counts lanternfish sightings from a CSV log."""
import csv
import sys


def count_sightings(path):
    total = 0
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            total += int(row["count"])
    return total


if __name__ == "__main__":
    print(count_sightings(sys.argv[1]))
