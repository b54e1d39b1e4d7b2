"""The grid views: numbers (editable like a spreadsheet) and images, and what they are told to show."""
