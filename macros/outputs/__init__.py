"""Stage 3, outputs: calendars, booklets, office documents and their converters, each made from
the catalogue.
"""
