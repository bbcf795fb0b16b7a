"""Minzheng (民政): a platform for a city civil-affairs bureau."""
