from corroborate.cli import app

app()
