"""Elderly ability assessment (老年人能力评估): rule tables as data and the pure scoring over them."""
