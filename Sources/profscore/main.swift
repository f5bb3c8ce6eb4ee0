print("profscore")
